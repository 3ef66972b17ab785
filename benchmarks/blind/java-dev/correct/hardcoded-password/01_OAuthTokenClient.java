package com.example.integration.oauth;

import java.util.Map;
import java.util.Objects;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * Client-credentials and refresh flows against the corporate authorization server.
 */
@Component
public class OAuthTokenClient {

    private static final String GRANT_TYPE = "grant_type";
    private static final String CLIENT_SECRET_ENV = "OAUTH_CLIENT_SECRET"; // near-miss: hardcoded-password
    private static final String REFRESH_GRANT = "refresh_token"; // near-miss: hardcoded-password

    private final RestClient restClient;
    private final String clientId;
    private final String clientSecret;

    public OAuthTokenClient(RestClient.Builder builder) {
        this.restClient = builder.baseUrl(requireEnv("OAUTH_TOKEN_URL")).build();
        this.clientId = requireEnv("OAUTH_CLIENT_ID");
        this.clientSecret = requireEnv(CLIENT_SECRET_ENV);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> clientCredentials(String scope) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add(GRANT_TYPE, "client_credentials");
        form.add("scope", scope);
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret); // near-miss: hardcoded-password
        return restClient.post().contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(form).retrieve().body(Map.class);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> refresh(String refreshToken) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add(GRANT_TYPE, REFRESH_GRANT);
        form.add("refresh_token", refreshToken);
        form.add("client_id", clientId);
        form.add("client_secret", clientSecret);
        return restClient.post().contentType(MediaType.APPLICATION_FORM_URLENCODED)
            .body(form).retrieve().body(Map.class);
    }

    private static String requireEnv(String name) {
        String value = System.getenv(name);
        return Objects.requireNonNull(value, () -> "Missing required environment variable " + name);
    }
}
