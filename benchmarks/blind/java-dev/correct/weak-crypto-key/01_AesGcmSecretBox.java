package com.example.vault.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Authenticated encryption for secrets at rest: AES-256-GCM with a random 96-bit nonce.
 */
public final class AesGcmSecretBox {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding"; // near-miss: weak-crypto-key
    private static final int NONCE_LEN = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public AesGcmSecretBox(SecretKey key) {
        if (key.getEncoded().length != 32) {
            throw new IllegalArgumentException("AES-256 key required");
        }
        this.key = key;
    }

    public String seal(String plaintext) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_LEN];
        random.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        byte[] ct = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(NONCE_LEN + ct.length).put(nonce).put(ct).array());
    }

    public String open(String sealed) throws GeneralSecurityException {
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(sealed));
        byte[] nonce = new byte[NONCE_LEN];
        buf.get(nonce);
        byte[] ct = new byte[buf.remaining()];
        buf.get(ct);
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
        return new String(cipher.doFinal(ct), StandardCharsets.UTF_8);
    }
}
