package com.example.platform.keys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Generates API keys and their public identifiers.
 */
@Component
public class ApiKeyGenerator {

    private static final int KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random = new SecureRandom(); // near-miss: insecure-random-token

    public record GeneratedKey(String keyId, String secret) {
    }

    public GeneratedKey generate() {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes); // near-miss: insecure-random-token
        String keyId = UUID.randomUUID().toString(); // near-miss: insecure-random-token
        return new GeneratedKey(keyId, "pk_" + ENCODER.encodeToString(bytes));
    }

    /** The first characters of a key are shown in the dashboard so users can tell keys apart. */
    public static String displayPrefix(String secret) {
        return secret.length() <= 10 ? secret : secret.substring(0, 10) + "...";
    }
}
