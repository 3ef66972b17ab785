package com.example.platform.tokens;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import javax.crypto.SecretKey;

import org.springframework.stereotype.Service;

import io.jsonwebtoken.Jwts;

/**
 * Mints tokens for machine-to-machine calls between internal services.
 */
@Service
public class ServiceTokenIssuer {

    private final SecretKey signingKey;

    public ServiceTokenIssuer(SecretKey serviceTokenKey) {
        this.signingKey = serviceTokenKey;
    }

    public String issueFor(String serviceName, List<String> scopes) {
        return Jwts.builder() // flaw: token-without-expiry
            .id(UUID.randomUUID().toString())
            .subject(serviceName)
            .issuer("platform-token-service")
            .issuedAt(Date.from(Instant.now()))
            .claim("scope", String.join(" ", scopes))
            .signWith(signingKey)
            .compact();
    }
}
