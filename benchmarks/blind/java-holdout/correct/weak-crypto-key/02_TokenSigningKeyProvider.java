package com.acme.idp.keys;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.security.KeyPairGenerator;
import java.security.KeyPair;
import java.util.UUID;

/**
 * Generates the IdP's signing keys on rotation: RS256 for legacy relying
 * parties, ES256 for new ones, and an Ed25519 pair for internal service
 * tokens.
 */
public final class TokenSigningKeyProvider {

    private TokenSigningKeyProvider() {
    }

    public static RSAKey rsaSigningKey() throws Exception {
        return new RSAKeyGenerator(3072) // near-miss: weak-crypto-key
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyID(UUID.randomUUID().toString())
                .generate();
    }

    public static ECKey ecSigningKey() throws Exception {
        return new ECKeyGenerator(Curve.P_256) // near-miss: weak-crypto-key
                .keyUse(KeyUse.SIGNATURE)
                .keyID(UUID.randomUUID().toString())
                .generate();
    }

    public static KeyPair serviceTokenKeys() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519"); // near-miss: weak-crypto-key
        return gen.generateKeyPair();
    }

    public static KeyPair legacyRsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048); // near-miss: weak-crypto-key
        return gen.generateKeyPair();
    }
}
