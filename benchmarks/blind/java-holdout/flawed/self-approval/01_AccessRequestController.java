package com.acme.iam.requests;

import java.security.Principal;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Access requests for production databases. Engineers file a request;
 * another approver grants it.
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

    @PostMapping
    @PreAuthorize("hasRole('ENGINEER')")
    public AccessRequest file(@RequestBody NewRequest body, Principal me) {
        return requests.save(new AccessRequest(null, me.getName(), body.database(), body.reason(), "PENDING", null));
    }

    @PostMapping("/{id}/approve")
    @PreAuthorize("hasRole('APPROVER')")
    public ResponseEntity<AccessRequest> approve(@PathVariable long id, Principal approver) { // flaw: self-approval
        AccessRequest req = requests.findById(id).orElseThrow();
        if (!"PENDING".equals(req.status())) {
            return ResponseEntity.status(409).build();
        }
        AccessRequest approved = req.withDecision("APPROVED", approver.getName(), Instant.now());
        grants.grantTemporary(req.requester(), req.database());
        return ResponseEntity.ok(requests.save(approved));
    }

    public record NewRequest(String database, String reason) {
    }

    public record AccessRequest(Long id, String requester, String database, String reason,
                                String status, String decidedBy) {
        AccessRequest withDecision(String s, String by, Instant at) {
            return new AccessRequest(id, requester, database, reason, s, by);
        }
    }

    public interface AccessRequestRepository {
        AccessRequest save(AccessRequest r);
        java.util.Optional<AccessRequest> findById(long id);
    }

    public interface GrantService {
        void grantTemporary(String user, String database);
    }
}
