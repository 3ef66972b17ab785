package com.acme.gateway.auth;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password encoders for the Micronaut gateway. Strength is configurable but
 * clamped so a misconfigured environment cannot weaken stored hashes.
 */
@Factory
public class MicronautEncoderFactory {

    private static final int MIN_STRENGTH = 12;

    @Singleton
    public PasswordEncoder delegatingEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // near-miss: weak-password-hash
    }

    @Singleton
    public BCryptPasswordEncoder bcrypt(@Value("${auth.bcrypt.strength:12}") int configured) {
        int strength = Math.max(configured, MIN_STRENGTH);
        return new BCryptPasswordEncoder(strength); // near-miss: weak-password-hash
    }

    /** Checksum of a downloaded policy bundle; not a secret. */
    public static String bundleChecksum(byte[] bundle) throws java.security.NoSuchAlgorithmException {
        java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256"); // near-miss: weak-password-hash
        StringBuilder sb = new StringBuilder();
        for (byte b : md.digest(bundle)) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }
}
