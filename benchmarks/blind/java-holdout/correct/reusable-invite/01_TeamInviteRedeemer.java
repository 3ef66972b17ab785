package com.acme.teams.invites;

import java.time.Clock;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Redeems team invites: the invite must be unexpired, unused and addressed
 * to the signed-in user's verified email. Consumption is atomic.
 */
@Component
public class TeamInviteRedeemer {

    private final InviteRepository invites;
    private final TeamMembers members;
    private final Clock clock;

    public TeamInviteRedeemer(InviteRepository invites, TeamMembers members, Clock clock) {
        this.invites = invites;
        this.members = members;
        this.clock = clock;
    }

    @Transactional
    public void redeem(String code, String userId, String verifiedEmail) { // near-miss: reusable-invite
        InviteRepository.Invite invite = invites.findByCodeForUpdate(code)
                .orElseThrow(() -> new AccessDeniedException("unknown invite"));
        if (invite.expiresAt().isBefore(clock.instant())) { // near-miss: reusable-invite
            throw new AccessDeniedException("invite expired");
        }
        if (invite.consumedAt() != null) {
            throw new AccessDeniedException("invite already used");
        }
        if (!invite.email().equalsIgnoreCase(verifiedEmail)) {
            throw new AccessDeniedException("invite addressed to another user");
        }
        if (invites.markConsumed(invite.id(), userId, clock.instant()) != 1) {
            throw new AccessDeniedException("invite already used");
        }
        members.add(invite.teamId(), userId, "member");
    }

    public interface InviteRepository {
        java.util.Optional<Invite> findByCodeForUpdate(String code);
        int markConsumed(String id, String userId, java.time.Instant at);

        record Invite(String id, String teamId, String email, java.time.Instant expiresAt,
                      java.time.Instant consumedAt) {
        }
    }

    public interface TeamMembers {
        void add(String teamId, String userId, String role);
    }
}
