package com.acme.licensing.keys;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import javax.crypto.SecretKey;

/**
 * Key material for offline license files and the activation token sent back
 * to the desktop client.
 */
public final class LicenseSigningKeys {

    private final KeyPair licenseKeys;
    private final SecretKey activationKey;

    private LicenseSigningKeys(KeyPair licenseKeys, SecretKey activationKey) {
        this.licenseKeys = licenseKeys;
        this.activationKey = activationKey;
    }

    public static LicenseSigningKeys generate(String activationSecret) throws NoSuchAlgorithmException {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(KeySizes.LICENSE_RSA_BITS);
        SecretKey hmac = Keys.hmacShaKeyFor(activationSecret.getBytes(StandardCharsets.UTF_8));
        return new LicenseSigningKeys(gen.generateKeyPair(), hmac);
    }

    public String signLicense(String customerId, String edition) {
        return Jwts.builder()
                .subject(customerId)
                .claim("edition", edition)
                .expiration(Date.from(Instant.now().plus(30, ChronoUnit.DAYS)))
                .signWith(licenseKeys.getPrivate())
                .compact();
    }

    public String activationToken(String machineId) {
        return Jwts.builder()
                .subject(machineId)
                .expiration(Date.from(Instant.now().plus(1, ChronoUnit.HOURS)))
                .signWith(activationKey)
                .compact();
    }

    /** Wraps the per-machine offline unlock secret embedded in the license file. */
    public static byte[] wrapUnlockSecret(byte[] unlockSecret, SecretKey wrappingKey) throws Exception {
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("DESede/ECB/PKCS5Padding"); // flaw: weak-crypto-key
        c.init(javax.crypto.Cipher.ENCRYPT_MODE, wrappingKey);
        return c.doFinal(unlockSecret);
    }

    static final class KeySizes {
        static final int LICENSE_RSA_BITS = 1024; // flaw: weak-crypto-key
        static final int SESSION_AES_BITS = 256;

        private KeySizes() {
        }
    }
}
