package com.example.files.share;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;

/**
 * Creates shareable download links for stored documents and API personal access tokens.
 */
@Service
public class DownloadLinkService {

    private static final Duration LINK_LIFETIME = Duration.ofDays(365);

    private final Algorithm algorithm;
    private final String publicBaseUrl;

    public DownloadLinkService(Algorithm linkSigningAlgorithm,
                               @Value("${files.public-base-url}") String publicBaseUrl) {
        this.algorithm = linkSigningAlgorithm;
        this.publicBaseUrl = publicBaseUrl;
    }

    public String shareLink(String documentId, String ownerId) {
        Instant now = Instant.now();
        String token = JWT.create()
            .withSubject(ownerId)
            .withClaim("doc", documentId)
            .withIssuedAt(now)
            .withExpiresAt(Date.from(now.plus(LINK_LIFETIME))) // flaw: token-without-expiry
            .sign(algorithm);
        return publicBaseUrl + "/d/" + documentId + "?t=" + token;
    }

    public String personalAccessToken(String userId, String label) {
        return JWT.create() // flaw: token-without-expiry
            .withSubject(userId)
            .withClaim("label", label)
            .withClaim("typ", "pat")
            .withIssuedAt(Instant.now())
            .sign(algorithm);
    }
}
