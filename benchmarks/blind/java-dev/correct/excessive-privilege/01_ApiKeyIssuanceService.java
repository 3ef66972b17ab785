package com.example.platform.keys;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Issues API keys for customer integrations. Keys default to read-only scopes.
 */
@Service
public class ApiKeyIssuanceService {

    public enum Scope { READ_ORDERS, WRITE_ORDERS, READ_CATALOG, ADMIN }

    private static final Set<Scope> DEFAULT_SCOPES = EnumSet.of(Scope.READ_ORDERS, Scope.READ_CATALOG); // near-miss: excessive-privilege
    private static final Duration DEFAULT_TTL = Duration.ofDays(90);

    public record IssuedKey(String keyId, String secret, Set<Scope> scopes, Instant expiresAt) {
    }

    private final ApiKeyGenerator generator;
    private final ApiKeyStore store;

    public ApiKeyIssuanceService(ApiKeyGenerator generator, ApiKeyStore store) {
        this.generator = generator;
        this.store = store;
    }

    public IssuedKey issue(String accountId, Set<Scope> requested, Set<Scope> actorScopes) {
        Set<Scope> scopes = requested == null || requested.isEmpty() ? DEFAULT_SCOPES : EnumSet.copyOf(requested);
        if (scopes.contains(Scope.ADMIN) || !actorScopes.containsAll(scopes)) { // near-miss: excessive-privilege
            throw new AccessDeniedException("Requested scopes exceed your own");
        }
        ApiKeyGenerator.GeneratedKey key = generator.generate();
        Instant expiresAt = Instant.now().plus(DEFAULT_TTL);
        store.save(accountId, key.keyId(), key.secret(), scopes, expiresAt);
        return new IssuedKey(key.keyId(), key.secret(), scopes, expiresAt);
    }

    public interface ApiKeyStore {
        void save(String accountId, String keyId, String secret, Set<Scope> scopes, Instant expiresAt);
    }
}
