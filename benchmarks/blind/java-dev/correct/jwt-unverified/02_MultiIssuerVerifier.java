package com.example.federation.jwt;

import java.security.interfaces.RSAPublicKey;
import java.util.Map;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;

/**
 * Verifies tokens from several trusted partner issuers. The unverified decode is only used to
 * pick the issuer's key; the claims are read from the verified token.
 */
public class MultiIssuerVerifier {

    public interface KeyLookup {
        RSAPublicKey publicKey(String issuer, String keyId);
    }

    private final Map<String, String> audienceByIssuer;
    private final KeyLookup keys;

    public MultiIssuerVerifier(Map<String, String> audienceByIssuer, KeyLookup keys) {
        this.audienceByIssuer = Map.copyOf(audienceByIssuer);
        this.keys = keys;
    }

    public DecodedJWT verify(String token) {
        DecodedJWT unverified = JWT.decode(token); // near-miss: jwt-unverified
        String issuer = unverified.getIssuer();
        String audience = audienceByIssuer.get(issuer);
        if (audience == null) {
            throw new JWTVerificationException("Untrusted issuer");
        }
        RSAPublicKey publicKey = keys.publicKey(issuer, unverified.getKeyId());
        JWTVerifier verifier = JWT.require(Algorithm.RSA256(publicKey, null)) // near-miss: jwt-unverified
            .withIssuer(issuer)
            .withAudience(audience)
            .acceptLeeway(30)
            .build();
        return verifier.verify(token);
    }
}
