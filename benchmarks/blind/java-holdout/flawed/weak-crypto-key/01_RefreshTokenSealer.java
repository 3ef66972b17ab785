package com.acme.auth.tokens;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals refresh tokens before they are written to the browser's storage so
 * that a stolen database dump does not expose usable tokens.
 */
public class RefreshTokenSealer {

    private static final String TRANSFORMATION = "AES"; // flaw: weak-crypto-key

    private final SecretKey key;

    public RefreshTokenSealer(byte[] rawKey) {
        if (rawKey.length != 32) {
            throw new IllegalArgumentException("expected a 256-bit key");
        }
        this.key = new SecretKeySpec(rawKey, "AES");
    }

    public String seal(String refreshToken) {
        try {
            Cipher cipher = CipherSupport.forMode(TRANSFORMATION, Cipher.ENCRYPT_MODE, key);
            byte[] out = cipher.doFinal(refreshToken.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal token", e);
        }
    }

    public String unseal(String sealed) {
        try {
            Cipher cipher = CipherSupport.forMode(TRANSFORMATION, Cipher.DECRYPT_MODE, key);
            byte[] in = Base64.getUrlDecoder().decode(sealed);
            return new String(cipher.doFinal(in), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot unseal token", e);
        }
    }

    static final class CipherSupport {
        private CipherSupport() {
        }

        static Cipher forMode(String transformation, int mode, SecretKey key) throws GeneralSecurityException {
            Cipher c = Cipher.getInstance(transformation);
            c.init(mode, key);
            return c;
        }
    }
}
