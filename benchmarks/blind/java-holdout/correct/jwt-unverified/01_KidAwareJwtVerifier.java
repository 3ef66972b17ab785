package com.acme.api.security;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.auth0.jwt.interfaces.RSAKeyProvider;
import java.security.interfaces.RSAPublicKey;
import java.util.Optional;

/**
 * Verifies RS256 access tokens. The unverified header is only used to pick
 * the key by {@code kid}; the claims are read from the verified token.
 */
public class KidAwareJwtVerifier {

    private static final String ISSUER = "https://login.acme.io/";
    private final JwksCache jwks;

    public KidAwareJwtVerifier(JwksCache jwks) {
        this.jwks = jwks;
    }

    public Optional<DecodedJWT> verify(String token) {
        try {
            String kid = JWT.decode(token).getKeyId(); // near-miss: jwt-unverified
            RSAPublicKey key = jwks.lookup(kid).orElseThrow(() -> new JWTVerificationException("unknown kid"));
            Algorithm alg = Algorithm.RSA256(key, null);
            DecodedJWT verified = JWT.require(alg) // near-miss: jwt-unverified
                    .withIssuer(ISSUER)
                    .withAudience("orders-api")
                    .acceptLeeway(30)
                    .build()
                    .verify(token);
            return Optional.of(verified);
        } catch (JWTVerificationException e) {
            return Optional.empty();
        }
    }

    public interface JwksCache {
        Optional<RSAPublicKey> lookup(String kid);
    }
}
