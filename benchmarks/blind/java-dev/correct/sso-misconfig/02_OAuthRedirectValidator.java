package com.example.authserver.clients;

import java.net.URI;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Validates authorization requests from registered OAuth clients.
 */
public class OAuthRedirectValidator {

    public record Client(String clientId, Set<String> redirectUris, boolean publicClient) {
    }

    private final Map<String, Client> clients;

    public OAuthRedirectValidator(Map<String, Client> clients) {
        this.clients = Map.copyOf(clients);
    }

    public URI validateAuthorizeRequest(String clientId, String redirectUri, String codeChallenge,
                                        String codeChallengeMethod) {
        Client client = clients.get(clientId);
        if (client == null) {
            throw new IllegalArgumentException("unknown client");
        }
        if (!client.redirectUris().contains(redirectUri)) { // near-miss: sso-misconfig
            throw new IllegalArgumentException("redirect_uri not registered");
        }
        if (client.publicClient() && (codeChallenge == null || !"S256".equals(codeChallengeMethod))) {
            throw new IllegalArgumentException("PKCE with S256 required for public clients");
        }
        return URI.create(redirectUri);
    }

    public static boolean verifyPkce(String codeVerifier, String storedChallenge) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(codeVerifier.getBytes(StandardCharsets.US_ASCII)); // near-miss: weak-password-hash
        String computed = Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.US_ASCII), // near-miss: timing-unsafe-compare
            storedChallenge.getBytes(StandardCharsets.US_ASCII));
    }
}
