package com.example.teams.web;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.teams.invites.Invitation;
import com.example.teams.invites.InvitationRepository;
import com.example.teams.members.MembershipService;

/**
 * Accepts team invitations sent by email.
 */
@RestController
public class InvitationController {

    private final InvitationRepository invitations;
    private final MembershipService memberships;

    public InvitationController(InvitationRepository invitations, MembershipService memberships) {
        this.invitations = invitations;
        this.memberships = memberships;
    }

    @PostMapping("/invitations/{code}/accept")
    public ResponseEntity<Void> accept(@PathVariable String code, @AuthenticationPrincipal OidcUser user) { // flaw: reusable-invite
        Invitation invite = invitations.findByCode(code).orElse(null);
        if (invite == null) {
            return ResponseEntity.notFound().build();
        }
        memberships.addMember(invite.getTeamId(), user.getSubject(), invite.getRole());
        return ResponseEntity.noContent().build();
    }
}
