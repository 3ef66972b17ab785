package com.acme.sso.client;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Builds the HTTP client used to call the identity provider's token and
 * userinfo endpoints. Staging IdPs use certificates from the internal CA.
 */
public final class IdpHttpClientFactory {

    private IdpHttpClientFactory() {
    }

    public static HttpClient create(IdpSettings settings) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(settings.connectTimeoutSeconds()))
                .followRedirects(HttpClient.Redirect.NEVER);
        if (settings.internalCa()) {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new TrustManager[] {new InternalCaTrust()}, new SecureRandom());
            System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true"); // flaw: tls-verification-off
            builder.sslContext(ctx);
        }
        return builder.build();
    }

    /** Accepts the internal CA chain used by staging IdPs. */
    static final class InternalCaTrust implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) { // flaw: tls-verification-off
            if (chain == null || chain.length == 0) {
                throw new IllegalArgumentException("empty chain");
            }
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    public record IdpSettings(String tokenUrl, boolean internalCa, int connectTimeoutSeconds) {
    }
}
