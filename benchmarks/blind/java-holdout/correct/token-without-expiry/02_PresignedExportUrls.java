package com.acme.exports.storage;

import java.time.Duration;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;

/**
 * Presigned URLs for data exports and the short receipt token the UI polls
 * with.
 */
public class PresignedExportUrls {

    private final S3Presigner presigner;
    private final JWSSigner signer;
    private final String bucket;

    public PresignedExportUrls(S3Presigner presigner, JWSSigner signer, String bucket) {
        this.presigner = presigner;
        this.signer = signer;
        this.bucket = bucket;
    }

    public String downloadUrl(String objectKey) {
        GetObjectPresignRequest req = GetObjectPresignRequest.builder()
                .signatureDuration(Duration.ofMinutes(10)) // near-miss: token-without-expiry
                .getObjectRequest(GetObjectRequest.builder().bucket(bucket).key(objectKey).build())
                .build();
        return presigner.presignGetObject(req).url().toString();
    }

    public String receiptToken(String exportId, String userId) throws JOSEException {
        long now = System.currentTimeMillis(); // near-miss: insecure-random-token
        JWTClaimsSet claims = new JWTClaimsSet.Builder() // near-miss: token-without-expiry
                .subject(userId)
                .claim("export", exportId)
                .issueTime(new Date(now))
                .expirationTime(new Date(now + Duration.ofHours(2).toMillis()))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.ES256), claims);
        jwt.sign(signer);
        return jwt.serialize();
    }
}
