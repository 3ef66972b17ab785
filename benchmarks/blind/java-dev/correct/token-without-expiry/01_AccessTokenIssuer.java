package com.example.auth.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;

import javax.crypto.SecretKey;

import org.springframework.stereotype.Service;

import io.jsonwebtoken.Jwts;

/**
 * Issues short-lived access tokens; refresh is handled by the session service.
 */
@Service
public class AccessTokenIssuer {

    private static final Duration ACCESS_TOKEN_TTL = Duration.ofMinutes(15);

    private final SecretKey key;
    private final Clock clock;

    public AccessTokenIssuer(SecretKey accessTokenKey, Clock clock) {
        this.key = accessTokenKey;
        this.clock = clock;
    }

    public String issue(String userId, Set<String> roles) {
        Instant now = clock.instant();
        return Jwts.builder() // near-miss: token-without-expiry
            .subject(userId)
            .issuer("auth-service")
            .audience().add("web-api").and()
            .claim("roles", roles)
            .issuedAt(Date.from(now))
            .notBefore(Date.from(now))
            .expiration(Date.from(now.plus(ACCESS_TOKEN_TTL)))
            .signWith(key)
            .compact();
    }
}
