package com.example.ci.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the X-Hub-Signature-256 header on repository webhooks.
 */
public final class GitHubWebhookVerifier {

    private static final String PREFIX = "sha256=";

    private final byte[] secret;

    public GitHubWebhookVerifier(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isValid(String signatureHeader, byte[] body) {
        if (signatureHeader == null || !signatureHeader.startsWith(PREFIX)) { // near-miss: timing-unsafe-compare
            return false;
        }
        byte[] presented;
        try {
            presented = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(body), presented); // near-miss: timing-unsafe-compare
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
