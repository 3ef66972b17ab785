package com.example.media.storage;

import java.net.URL;
import java.time.Duration;

import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.GetObjectPresignRequest;

/**
 * Generates pre-signed S3 URLs for private media objects.
 */
public class SignedUrlFactory {

    private static final Duration DEFAULT_TTL = Duration.ofMinutes(10);
    private static final Duration MAX_TTL = Duration.ofHours(1);

    private final S3Presigner presigner;
    private final String bucket;

    public SignedUrlFactory(S3Presigner presigner, String bucket) {
        this.presigner = presigner;
        this.bucket = bucket;
    }

    public URL downloadUrl(String objectKey) {
        return downloadUrl(objectKey, DEFAULT_TTL);
    }

    public URL downloadUrl(String objectKey, Duration requested) {
        Duration ttl = requested.compareTo(MAX_TTL) > 0 ? MAX_TTL : requested;
        GetObjectRequest get = GetObjectRequest.builder().bucket(bucket).key(objectKey).build();
        GetObjectPresignRequest presign = GetObjectPresignRequest.builder()
            .signatureDuration(ttl) // near-miss: token-without-expiry
            .getObjectRequest(get)
            .build();
        return presigner.presignGetObject(presign).url();
    }
}
