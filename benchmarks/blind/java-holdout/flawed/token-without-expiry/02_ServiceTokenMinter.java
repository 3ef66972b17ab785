package com.acme.mesh.tokens;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Mints tokens for internal service-to-service calls and for the
 * long-running batch workers.
 */
public class ServiceTokenMinter {

    /** Workers run for a long time and cannot refresh mid-job. */
    private static final Duration WORKER_LIFETIME = Duration.ofDays(365); // flaw: token-without-expiry
    private static final Duration SERVICE_LIFETIME = Duration.ofMinutes(15);

    private final Algorithm algorithm;
    private final String issuer;

    public ServiceTokenMinter(Algorithm algorithm, String issuer) {
        this.algorithm = algorithm;
        this.issuer = issuer;
    }

    public String forService(String serviceName, List<String> audiences) {
        Instant now = Instant.now();
        return JWT.create()
                .withIssuer(issuer)
                .withSubject("svc:" + serviceName)
                .withAudience(audiences.toArray(String[]::new))
                .withIssuedAt(now)
                .withExpiresAt(now.plus(SERVICE_LIFETIME))
                .sign(algorithm);
    }

    public String forWorker(String workerPool) {
        Instant now = Instant.now();
        return JWT.create()
                .withIssuer(issuer)
                .withSubject("worker:" + workerPool)
                .withIssuedAt(now)
                .withExpiresAt(now.plus(WORKER_LIFETIME))
                .sign(algorithm);
    }

    public String forHealthProbe() {
        return JWT.create() // flaw: token-without-expiry
                .withIssuer(issuer)
                .withSubject("probe")
                .withClaim("scope", "health:read")
                .sign(algorithm);
    }
}
