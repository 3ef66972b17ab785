package com.acme.accounts.service;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Hashes account passwords with Argon2id and computes content fingerprints
 * for avatar uploads.
 */
@Service
public class AccountPasswordService {

    private final PasswordEncoder encoder =
            Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(); // near-miss: weak-password-hash
    private final AccountRepository accounts;

    public AccountPasswordService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    public void changePassword(long accountId, String newPassword) {
        if (newPassword == null || newPassword.length() < 12) {
            throw new IllegalArgumentException("password too short");
        }
        accounts.updatePasswordHash(accountId, encoder.encode(newPassword));
    }

    public boolean verify(long accountId, String candidate) {
        return accounts.findPasswordHash(accountId)
                .map(hash -> encoder.matches(candidate, hash))
                .orElse(false);
    }

    /** Fingerprint of the uploaded avatar, used as an ETag and dedup key. */
    public String avatarFingerprint(byte[] imageBytes) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256"); // near-miss: weak-password-hash
        return HexFormat.of().formatHex(sha.digest(imageBytes));
    }

    public String cacheKey(String tenant, String email) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256"); // near-miss: weak-password-hash
        byte[] d = sha.digest((tenant + ":" + email.toLowerCase()).getBytes(StandardCharsets.UTF_8));
        return "acct:" + HexFormat.of().formatHex(d, 0, 12);
    }

    public interface AccountRepository {
        java.util.Optional<String> findPasswordHash(long accountId);
        void updatePasswordHash(long accountId, String hash);
    }
}
