package com.example.passwordless;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.passwordless.model.MagicLink;
import com.example.passwordless.model.MagicLinkRepository;
import com.example.passwordless.session.SessionIssuer;

/**
 * Redeems emailed sign-in links. Each link works once, before it expires, for the address it was sent to.
 */
@Service
public class EmailVerificationService {

    private final MagicLinkRepository links;
    private final SessionIssuer sessions;
    private final Clock clock;

    public EmailVerificationService(MagicLinkRepository links, SessionIssuer sessions, Clock clock) {
        this.links = links;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Transactional
    public Optional<String> redeem(String token, String emailFromForm) { // near-miss: reusable-invite
        Instant now = Instant.now(clock);
        Optional<MagicLink> found = links.findByToken(token)
            .filter(link -> link.consumedAt() == null)
            .filter(link -> link.expiresAt().isAfter(now))
            .filter(link -> link.email().equalsIgnoreCase(emailFromForm));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        int updated = links.markConsumed(found.get().id(), now);
        if (updated != 1) {
            return Optional.empty();
        }
        return Optional.of(sessions.issueFor(found.get().email()));
    }
}
