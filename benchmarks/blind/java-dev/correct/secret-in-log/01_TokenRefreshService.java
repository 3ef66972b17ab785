package com.example.mobile.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Rotates refresh tokens. Logs reference tokens only by a short fingerprint.
 */
@Service
public class TokenRefreshService {

    private static final Logger log = LoggerFactory.getLogger(TokenRefreshService.class);

    private final RefreshTokenStore store;

    public TokenRefreshService(RefreshTokenStore store) {
        this.store = store;
    }

    public String rotate(String userId, String presentedToken) {
        String fp = fingerprint(presentedToken);
        if (!store.isActive(userId, presentedToken)) {
            log.warn("Refresh token reuse detected for user {} (fp={})", userId, fp); // near-miss: secret-in-log
            store.revokeAll(userId);
            throw new IllegalStateException("Refresh token no longer valid");
        }
        String next = store.rotate(userId, presentedToken);
        log.info("Rotated refresh token for user {} old={} new={}", userId, fp, fingerprint(next)); // near-miss: secret-in-log
        return next;
    }

    static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)); // near-miss: weak-password-hash
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public interface RefreshTokenStore {
        boolean isActive(String userId, String token);

        String rotate(String userId, String token);

        void revokeAll(String userId);
    }
}
