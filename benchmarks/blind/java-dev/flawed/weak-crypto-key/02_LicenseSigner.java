package com.example.licensing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.KeyGenerator;

/**
 * Signs offline license tokens and encrypts the embedded activation secret.
 */
public class LicenseSigner {

    private static final int KEY_SIZE = 1024;

    private final KeyPair keyPair;
    private final SecretKey activationKey;

    public LicenseSigner() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_SIZE); // flaw: weak-crypto-key
        this.keyPair = generator.generateKeyPair();
        KeyGenerator kg = KeyGenerator.getInstance("DESede"); // flaw: weak-crypto-key
        this.activationKey = kg.generateKey();
    }

    public String sign(String licensePayload) throws Exception {
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(keyPair.getPrivate());
        signature.update(licensePayload.getBytes(StandardCharsets.UTF_8));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signature.sign());
    }

    public String sealActivationSecret(String secret) throws Exception {
        Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding"); // flaw: weak-crypto-key
        cipher.init(Cipher.ENCRYPT_MODE, activationKey);
        byte[] iv = cipher.getIV();
        byte[] body = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(iv) + "." + Base64.getEncoder().encodeToString(body);
    }

    public byte[] publicKey() {
        return keyPair.getPublic().getEncoded();
    }
}
