package com.example.access.web;

import java.time.Instant;

import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.access.domain.AccessRequest;
import com.example.access.domain.AccessRequestRepository;
import com.example.access.domain.RequestStatus;
import com.example.access.grants.GrantService;

/**
 * Approval workflow for temporary elevated access to production systems.
 */
@RestController
@RequestMapping("/api/access-requests")
public class AccessRequestController {

    private final AccessRequestRepository requests;
    private final GrantService grants;

    public AccessRequestController(AccessRequestRepository requests, GrantService grants) {
        this.requests = requests;
        this.grants = grants;
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasRole('APPROVER')")
    public ResponseEntity<AccessRequest> approve(@PathVariable long id, @AuthenticationPrincipal UserDetails approver) { // flaw: self-approval
        AccessRequest request = requests.findById(id).orElse(null);
        if (request == null) {
            return ResponseEntity.notFound().build();
        }
        if (request.getStatus() != RequestStatus.PENDING) {
            return ResponseEntity.status(409).build();
        }
        request.setStatus(RequestStatus.APPROVED);
        request.setApprovedBy(approver.getUsername());
        request.setApprovedAt(Instant.now());
        requests.save(request);
        grants.grantTemporary(request.getRequesterId(), request.getResource(), request.getDuration());
        return ResponseEntity.ok(request);
    }
}
