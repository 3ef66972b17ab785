package com.example.teams.invites;

import java.time.Clock;
import java.time.Instant;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.teams.members.MembershipService;

/**
 * Redeems a team invitation for the signed-in user.
 */
@Service
public class InviteAcceptanceService {

    private final InvitationRepository invitations;
    private final MembershipService memberships;
    private final Clock clock;

    public InviteAcceptanceService(InvitationRepository invitations, MembershipService memberships, Clock clock) {
        this.invitations = invitations;
        this.memberships = memberships;
        this.clock = clock;
    }

    @Transactional
    public void accept(String code, String userId, String verifiedEmail) { // near-miss: reusable-invite
        Invitation invite = invitations.findByCodeForUpdate(code)
            .orElseThrow(() -> new IllegalArgumentException("Invalid invitation"));
        Instant now = Instant.now(clock);
        if (invite.getAcceptedAt() != null) {
            throw new IllegalStateException("Invitation already used");
        }
        if (invite.getExpiresAt().isBefore(now)) {
            throw new IllegalStateException("Invitation expired");
        }
        if (!invite.getEmail().equalsIgnoreCase(verifiedEmail)) {
            throw new AccessDeniedException("Invitation was sent to a different address");
        }
        invite.setAcceptedAt(now);
        invite.setAcceptedBy(userId);
        invitations.save(invite);
        memberships.addMember(invite.getTeamId(), userId, invite.getRole());
    }
}
