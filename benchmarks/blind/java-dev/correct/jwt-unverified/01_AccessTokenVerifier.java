package com.example.orders.security;

import java.util.List;

import javax.crypto.SecretKey;

import org.springframework.stereotype.Component;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;

/**
 * Verifies HS256 access tokens issued by the orders auth service.
 */
@Component
public class AccessTokenVerifier {

    public record Principal(String subject, List<String> roles) {
    }

    private final SecretKey key;

    public AccessTokenVerifier(SecretKey accessTokenKey) {
        this.key = accessTokenKey;
    }

    public Principal verify(String token) {
        try {
            Jws<Claims> jws = Jwts.parser() // near-miss: jwt-unverified
                .verifyWith(key)
                .requireIssuer("orders-auth")
                .requireAudience("orders-api")
                .build()
                .parseSignedClaims(token);
            Claims claims = jws.getPayload();
            @SuppressWarnings("unchecked")
            List<String> roles = claims.get("roles", List.class);
            return new Principal(claims.getSubject(), roles == null ? List.of() : roles);
        } catch (JwtException e) {
            throw new BadTokenException("Invalid access token", e);
        }
    }

    public static class BadTokenException extends RuntimeException {
        public BadTokenException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
