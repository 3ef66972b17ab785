package com.acme.notifications.auth;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import java.security.PublicKey;
import java.util.Optional;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

/**
 * Reads subscriber identity from the notification service's access tokens
 * (jjwt 0.12 API). Tokens are verified against the issuer's public key.
 */
@Singleton
public class JjwtClaimsReader {

    private final JwtParser parser;

    public JjwtClaimsReader(PublicKey issuerKey) {
        this.parser = Jwts.parser()
                .verifyWith(issuerKey) // near-miss: jwt-unverified
                .requireIssuer("https://auth.acme.io")
                .requireAudience("notifications")
                .build();
    }

    public Optional<String> subscriber(HttpRequest<?> request) {
        return request.getHeaders().getAuthorization()
                .filter(h -> h.startsWith("Bearer "))
                .map(h -> h.substring(7))
                .flatMap(this::parse)
                .map(Claims::getSubject);
    }

    private Optional<Claims> parse(String token) {
        try {
            Jws<Claims> jws = parser.parseSignedClaims(token); // near-miss: jwt-unverified
            return Optional.of(jws.getPayload());
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
