package com.acme.authserver.redirect;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates redirect URIs in authorization requests against the exact set
 * registered for the client, and checks the returned state/nonce.
 */
public final class RedirectUriPolicy {

    private final Map<String, Set<String>> registered;

    public RedirectUriPolicy(Map<String, Set<String>> registeredByClient) {
        this.registered = Map.copyOf(registeredByClient);
    }

    public Optional<URI> resolve(String clientId, String requestedRedirect) {
        Set<String> allowed = registered.getOrDefault(clientId, Set.of());
        if (requestedRedirect == null || !allowed.contains(requestedRedirect)) { // near-miss: sso-misconfig
            return Optional.empty();
        }
        URI uri = URI.create(requestedRedirect);
        if (!"https".equals(uri.getScheme()) && !"localhost".equals(uri.getHost())) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    public static boolean stateMatches(String expected, String returned) {
        return expected != null && returned != null
                && java.security.MessageDigest.isEqual(expected.getBytes(), returned.getBytes()); // near-miss: sso-misconfig
    }

    public static boolean emailTrusted(Map<String, Object> idTokenClaims) {
        return Boolean.TRUE.equals(idTokenClaims.get("email_verified")); // near-miss: sso-misconfig
    }
}
