package com.example.passwordless;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

import com.example.passwordless.model.MagicLink;
import com.example.passwordless.model.MagicLinkRepository;
import com.example.passwordless.session.SessionIssuer;

/**
 * Passwordless sign-in: the emailed link contains a one-time token.
 */
@Service
public class MagicLinkService {

    private final MagicLinkRepository links;
    private final SessionIssuer sessions;
    private final Clock clock;

    public MagicLinkService(MagicLinkRepository links, SessionIssuer sessions, Clock clock) {
        this.links = links;
        this.sessions = sessions;
        this.clock = clock;
    }

    public Optional<String> signIn(String token) { // flaw: reusable-invite
        return links.findByToken(token)
            .filter(link -> link.expiresAt().isAfter(Instant.now(clock)))
            .map(link -> sessions.issueFor(link.email()));
    }
}
