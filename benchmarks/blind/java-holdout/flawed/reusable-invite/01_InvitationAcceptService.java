package com.acme.orgs.invites;

import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Accepts organisation invitations. Invitations are created by org admins
 * and emailed to the invitee with a link containing the code.
 */
@Service
public class InvitationAcceptService {

    private final InvitationRepository invitations;
    private final MembershipService memberships;
    private final Clock clock;

    public InvitationAcceptService(InvitationRepository invitations, MembershipService memberships, Clock clock) {
        this.invitations = invitations;
        this.memberships = memberships;
        this.clock = clock;
    }

    @Transactional
    public String accept(String code, AuthenticatedUser user) { // flaw: reusable-invite
        Invitation inv = InviteLookup.active(invitations, code, clock)
                .orElseThrow(() -> new IllegalArgumentException("invalid invitation"));
        memberships.add(inv.orgId(), user.id(), inv.role());
        invitations.recordAcceptance(inv.id(), user.id(), clock.instant());
        return inv.orgId();
    }

    static final class InviteLookup {
        private InviteLookup() {
        }

        /** Finds an invitation that has not been revoked and is not expired. */
        static Optional<Invitation> active(InvitationRepository repo, String code, Clock clock) {
            return repo.findByCode(code)
                    .filter(i -> !i.revoked())
                    .filter(i -> i.expiresAt().isAfter(clock.instant()));
        }
    }

    public record AuthenticatedUser(String id, String email) {
    }

    public record Invitation(String id, String orgId, String email, String role,
                             java.time.Instant expiresAt, boolean revoked, boolean consumed) {
    }

    public interface InvitationRepository {
        Optional<Invitation> findByCode(String code);
        void recordAcceptance(String id, String userId, java.time.Instant at);
        void markConsumed(String id);
    }

    public interface MembershipService {
        void add(String orgId, String userId, String role);
    }
}
