package com.acme.files.links;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.SignatureAlgorithm;
import java.security.Key;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

/**
 * Produces signed download links for shared documents (jjwt 0.11 API).
 * The link embeds a token with the document id and the grantee.
 */
public class DownloadLinkSigner {

    private final Key signingKey;
    private final Clock clock;
    private final String baseUrl;

    public DownloadLinkSigner(Key signingKey, Clock clock, String baseUrl) {
        this.signingKey = signingKey;
        this.clock = clock;
        this.baseUrl = baseUrl;
    }

    public String linkFor(String documentId, String granteeEmail) {
        String token = claims(documentId, granteeEmail)
                .signWith(signingKey, SignatureAlgorithm.HS256)
                .compact();
        return baseUrl + "/d/" + documentId + "?t=" + token;
    }

    private JwtBuilder claims(String documentId, String grantee) {
        Date now = Date.from(clock.instant());
        return Jwts.builder() // flaw: token-without-expiry
                .setId(UUID.randomUUID().toString())
                .setSubject(grantee)
                .setIssuedAt(now)
                .setNotBefore(now)
                .addClaims(Map.of("doc", documentId, "perm", "read"));
    }
}
