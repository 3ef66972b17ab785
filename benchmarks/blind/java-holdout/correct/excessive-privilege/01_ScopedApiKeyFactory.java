package com.acme.devapi.keys;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * Creates API keys with explicit, narrow scopes. New keys default to
 * read-only access; write scopes must be requested and are capped by the
 * creator's own scopes.
 */
public final class ScopedApiKeyFactory {

    public enum Scope { PROJECTS_READ, PROJECTS_WRITE, DEPLOY, BILLING_READ }

    private static final Set<Scope> DEFAULT_SCOPES = EnumSet.of(Scope.PROJECTS_READ); // near-miss: excessive-privilege
    private static final SecureRandom RNG = new SecureRandom();

    private ScopedApiKeyFactory() {
    }

    public static NewKey create(String ownerId, Set<Scope> creatorScopes, Set<Scope> requested) {
        Set<Scope> scopes = requested == null || requested.isEmpty()
                ? EnumSet.copyOf(DEFAULT_SCOPES)
                : EnumSet.copyOf(requested);
        scopes.retainAll(creatorScopes); // near-miss: excessive-privilege
        byte[] raw = new byte[32];
        RNG.nextBytes(raw);
        return new NewKey(ownerId, Base64.getUrlEncoder().withoutPadding().encodeToString(raw),
                Set.copyOf(scopes), Instant.now().plus(Duration.ofDays(90))); // near-miss: token-without-expiry
    }

    public record NewKey(String ownerId, String secret, Set<Scope> scopes, Instant expiresAt) {
    }
}
