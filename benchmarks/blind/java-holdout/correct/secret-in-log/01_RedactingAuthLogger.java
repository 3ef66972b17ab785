package com.acme.auth.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Audit logging for the login service. Tokens are never logged; a short
 * fingerprint is logged instead so support can correlate requests.
 */
public final class RedactingAuthLogger {

    private static final Logger log = LoggerFactory.getLogger("auth.audit");

    private RedactingAuthLogger() {
    }

    public static void loginSucceeded(String userId, String accessToken) {
        MDC.put("uid", userId);
        try {
            log.info("login ok user={} token_fp={}", userId, fingerprint(accessToken)); // near-miss: secret-in-log
        } finally {
            MDC.remove("uid");
        }
    }

    public static void loginFailed(String username, String reason) {
        log.warn("login failed user={} reason={}", username, reason); // near-miss: secret-in-log
    }

    public static void authorizationHeaderSeen(String header) {
        String scheme = header == null ? "none" : header.split(" ", 2)[0];
        log.debug("authorization scheme={} value=[REDACTED]", scheme); // near-miss: secret-in-log
    }

    /** First 8 hex chars of SHA-256; enough to correlate, not to replay. */
    static String fingerprint(String token) {
        if (token == null) {
            return "-";
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            return "?";
        }
    }
}
