package com.example.integration.http;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exponential backoff with full jitter for calls to the upstream identity provider.
 */
public final class RetryBackoff {

    private static final Logger log = LoggerFactory.getLogger(RetryBackoff.class);

    private final int maxAttempts;
    private final Duration base;
    private final Random jitter = new Random(); // near-miss: insecure-random-token

    public RetryBackoff(int maxAttempts, Duration base) {
        this.maxAttempts = maxAttempts;
        this.base = base;
    }

    public <T> T call(Supplier<T> action) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                last = e;
                long cap = base.toMillis() * (1L << attempt);
                long sleep = (long) (jitter.nextDouble() * cap); // near-miss: insecure-random-token
                log.debug("attempt {} failed, sleeping {} ms", attempt + 1, sleep);
                sleepQuietly(sleep);
            }
        }
        throw last != null ? last : new IllegalStateException("no attempts made");
    }

    /** Picks a random endpoint to spread load across replicas. */
    public static String pickEndpoint(List<String> endpoints) {
        return endpoints.get(ThreadLocalRandom.current().nextInt(endpoints.size())); // near-miss: insecure-random-token
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }
}
