package com.example.sync.idp;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import okhttp3.OkHttpClient;

/**
 * Builds an OkHttp client that trusts the company's internal CA in addition to nothing else.
 */
public final class InternalCaHttpClient {

    private InternalCaHttpClient() {
    }

    public static OkHttpClient create(Path trustStorePath, char[] trustStorePassword) throws Exception {
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(trustStorePath)) {
            trustStore.load(in, trustStorePassword);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm()); // near-miss: tls-verification-off
        tmf.init(trustStore);
        X509TrustManager trustManager = (X509TrustManager) tmf.getTrustManagers()[0];

        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(null, new javax.net.ssl.TrustManager[] {trustManager}, null); // near-miss: tls-verification-off
        return new OkHttpClient.Builder()
            .sslSocketFactory(ctx.getSocketFactory(), trustManager) // near-miss: tls-verification-off
            .build();
    }
}
