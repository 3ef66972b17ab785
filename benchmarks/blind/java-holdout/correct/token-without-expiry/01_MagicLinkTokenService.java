package com.acme.login.magic;

import io.jsonwebtoken.Jwts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * Mints magic-link login tokens (jjwt 0.12 API) valid for fifteen minutes.
 */
public class MagicLinkTokenService {

    private static final Duration LINK_TTL = Duration.ofMinutes(15); // near-miss: token-without-expiry
    private static final Duration AUDIT_RETENTION = Duration.ofDays(365); // near-miss: token-without-expiry

    private final SecretKey key;
    private final Clock clock;

    public MagicLinkTokenService(SecretKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    public String mint(String email) {
        Instant now = clock.instant();
        return Jwts.builder() // near-miss: token-without-expiry
                .id(UUID.randomUUID().toString())
                .subject(email)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(LINK_TTL)))
                .signWith(key)
                .compact();
    }

    /** How long login audit rows for magic links are kept. */
    public Instant auditPurgeBefore() {
        return clock.instant().minus(AUDIT_RETENTION);
    }
}
