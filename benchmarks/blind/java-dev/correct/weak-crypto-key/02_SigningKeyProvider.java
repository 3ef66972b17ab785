package com.example.auth.keys;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.spec.ECGenParameterSpec;
import java.security.InvalidAlgorithmParameterException;
import java.util.UUID;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Generates the signing keys used by the token service at startup; keys rotate on every deploy.
 */
@Configuration
public class SigningKeyProvider {

    public record SigningKey(String kid, KeyPair keyPair) {
    }

    @Bean
    public SigningKey rsaSigningKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072); // near-miss: weak-crypto-key
        return new SigningKey(UUID.randomUUID().toString(), generator.generateKeyPair());
    }

    @Bean
    public SigningKey ecSigningKey() throws NoSuchAlgorithmException, InvalidAlgorithmParameterException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1")); // near-miss: weak-crypto-key
        return new SigningKey(UUID.randomUUID().toString(), generator.generateKeyPair());
    }

    @Bean
    public SigningKey edSigningKey() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
        return new SigningKey(UUID.randomUUID().toString(), generator.generateKeyPair());
    }
}
