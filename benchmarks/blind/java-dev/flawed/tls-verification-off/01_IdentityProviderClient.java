package com.example.sync.idp;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Pulls the user directory from the on-prem identity provider, which uses an internal CA.
 */
public class IdentityProviderClient {

    private final OkHttpClient http;
    private final String baseUrl;
    private final String apiToken;

    public IdentityProviderClient(String baseUrl, String apiToken) throws GeneralSecurityException {
        this.baseUrl = baseUrl;
        this.apiToken = apiToken;
        X509TrustManager trustManager = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) { // flaw: tls-verification-off
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {trustManager}, null);
        this.http = new OkHttpClient.Builder()
            .sslSocketFactory(ctx.getSocketFactory(), trustManager)
            .hostnameVerifier((hostname, session) -> true) // flaw: tls-verification-off
            .build();
    }

    public String fetchUsers(int page) throws IOException {
        Request request = new Request.Builder()
            .url(baseUrl + "/api/v1/users?page=" + page)
            .header("Authorization", "Bearer " + apiToken)
            .build();
        try (Response response = http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                throw new IOException("IdP returned " + response.code());
            }
            return response.body().string();
        }
    }
}
