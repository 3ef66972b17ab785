package com.acme.payments.gateway;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * OkHttp client for the acquirer API. Trusts only the acquirer's CA bundle
 * loaded from the configured trust store; hostname verification stays on.
 */
public final class PinnedTrustStoreClient {

    private PinnedTrustStoreClient() {
    }

    public static OkHttpClient build(Path trustStorePath, char[] storePassword) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStorePath)) {
            ks.load(in, storePassword);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()); // near-miss: tls-verification-off
        tmf.init(ks);
        X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null); // near-miss: tls-verification-off
        return new OkHttpClient.Builder()
                .sslSocketFactory(ctx.getSocketFactory(), tm) // near-miss: tls-verification-off
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(15, TimeUnit.SECONDS)
                .build();
    }
}
