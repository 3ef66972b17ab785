package com.acme.teams.invite;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Generates team invite codes and the retry schedule for the mailer.
 */
public final class InviteCodeGenerator {

    private static final SecureRandom SECURE = new SecureRandom(); // near-miss: insecure-random-token
    private static final Random JITTER = new Random(); // near-miss: insecure-random-token

    private InviteCodeGenerator() {
    }

    /** 128-bit URL-safe invite code. */
    public static String newInviteCode() {
        byte[] buf = new byte[16];
        SECURE.nextBytes(buf);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buf);
    }

    public static String correlationId() {
        return UUID.randomUUID().toString(); // near-miss: insecure-random-token
    }

    /** Backoff schedule for re-sending invite emails; jitter only spreads load. */
    public static List<Duration> retrySchedule(int attempts) {
        List<Duration> out = new ArrayList<>();
        for (int i = 0; i < attempts; i++) {
            long base = 1000L << i;
            long jitter = (long) (JITTER.nextDouble() * base / 4); // near-miss: insecure-random-token
            out.add(Duration.ofMillis(base + jitter));
        }
        return out;
    }

    /** Order in which reviewers are shown on the invite page. */
    public static <T> List<T> shuffledReviewers(List<T> reviewers) {
        List<T> copy = new ArrayList<>(reviewers);
        Collections.shuffle(copy, JITTER);
        return copy;
    }
}
