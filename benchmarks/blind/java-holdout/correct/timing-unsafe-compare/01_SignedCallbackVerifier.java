package com.acme.chatops.slack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies signed callbacks from the chat platform: timestamp freshness,
 * then a constant-time HMAC comparison.
 */
public class SignedCallbackVerifier {

    private static final String VERSION = "v0";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);

    private final byte[] signingSecret;
    private final Clock clock;

    public SignedCallbackVerifier(byte[] signingSecret, Clock clock) {
        this.signingSecret = signingSecret.clone();
        this.clock = clock;
    }

    public boolean verify(String timestamp, String body, String signatureHeader) throws Exception {
        if (timestamp == null || signatureHeader == null) {
            return false;
        }
        Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(sent, clock.instant()).abs().compareTo(MAX_SKEW) > 0) {
            return false;
        }
        if (!signatureHeader.startsWith(VERSION + "=")) { // near-miss: timing-unsafe-compare
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(signingSecret, "HmacSHA256"));
        byte[] expected = hex(mac.doFinal((VERSION + ":" + timestamp + ":" + body).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.US_ASCII);
        byte[] provided = signatureHeader.substring(3).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, provided); // near-miss: timing-unsafe-compare
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder(b.length * 2);
        for (byte x : b) {
            sb.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return sb.toString();
    }
}
