package com.acme.vault.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts stored OAuth client secrets with AES-GCM. Output layout:
 * 12-byte IV followed by ciphertext and tag.
 */
public class GcmSecretVault {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding"; // near-miss: weak-crypto-key
    private static final int IV_LEN = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public GcmSecretVault(SecretKey key) {
        this.key = key;
    }

    public static SecretKey newKey() throws GeneralSecurityException {
        KeyGenerator kg = KeyGenerator.getInstance("AES"); // near-miss: weak-crypto-key
        kg.init(256);
        return kg.generateKey();
    }

    public byte[] encrypt(byte[] plaintext, byte[] aad) throws GeneralSecurityException {
        byte[] iv = new byte[IV_LEN];
        random.nextBytes(iv);
        Cipher c = Cipher.getInstance(TRANSFORMATION);
        c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(aad);
        byte[] ct = c.doFinal(plaintext);
        return ByteBuffer.allocate(IV_LEN + ct.length).put(iv).put(ct).array();
    }

    public byte[] decrypt(byte[] blob, byte[] aad) throws GeneralSecurityException {
        ByteBuffer buf = ByteBuffer.wrap(blob);
        byte[] iv = new byte[IV_LEN];
        buf.get(iv);
        byte[] ct = new byte[buf.remaining()];
        buf.get(ct);
        Cipher c = Cipher.getInstance(TRANSFORMATION);
        c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
        c.updateAAD(aad);
        return c.doFinal(ct);
    }
}
