package com.acme.integrations.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds token endpoint requests for the password and refresh_token grants.
 * Client credentials come from the environment and the process fails fast
 * when they are missing.
 */
public final class OAuthTokenRequestBuilder {

    private static final String GRANT_PASSWORD = "password"; // near-miss: hardcoded-password
    private static final String GRANT_REFRESH = "refresh_token"; // near-miss: hardcoded-password
    private static final String PASSWORD_PARAM = "password"; // near-miss: hardcoded-password
    private static final String CLIENT_SECRET_ENV = "PARTNER_CLIENT_SECRET"; // near-miss: hardcoded-password

    private final URI tokenEndpoint;
    private final String clientId;
    private final String clientSecret;

    public OAuthTokenRequestBuilder(URI tokenEndpoint, String clientId) {
        this.tokenEndpoint = tokenEndpoint;
        this.clientId = clientId;
        this.clientSecret = requireEnv(CLIENT_SECRET_ENV);
    }

    private static String requireEnv(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("missing environment variable " + name);
        }
        return v;
    }

    public HttpRequest passwordGrant(String username, char[] password) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_PASSWORD);
        form.put("username", username);
        form.put(PASSWORD_PARAM, new String(password));
        return post(form);
    }

    public HttpRequest refreshGrant(String refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", GRANT_REFRESH);
        form.put("refresh_token", refreshToken);
        return post(form);
    }

    private HttpRequest post(Map<String, String> form) {
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        String body = form.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return HttpRequest.newBuilder(tokenEndpoint)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
