package com.acme.provisioning.scim;

import java.io.IOException;
import java.security.GeneralSecurityException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.ssl.SSLContextBuilder;

/**
 * Pushes SCIM user records to downstream applications using a bearer token
 * configured per connector.
 */
public class ScimPushClient implements AutoCloseable {

    private final CloseableHttpClient http;
    private final String baseUrl;
    private final String bearerToken;

    public ScimPushClient(String baseUrl, String bearerToken) throws GeneralSecurityException {
        this.baseUrl = baseUrl;
        this.bearerToken = bearerToken;
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setSSLSocketFactory(SSLConnectionSocketFactoryBuilder.create()
                                .setSslContext(SSLContextBuilder.create()
                                        .loadTrustMaterial(TrustAllStrategy.INSTANCE) // flaw: tls-verification-off
                                        .build())
                                .setHostnameVerifier(NoopHostnameVerifier.INSTANCE) // flaw: tls-verification-off
                                .build())
                        .build())
                .build();
    }

    public int pushUser(String scimJson) throws IOException {
        HttpPost post = new HttpPost(baseUrl + "/scim/v2/Users");
        post.setHeader("Authorization", "Bearer " + bearerToken);
        post.setEntity(new StringEntity(scimJson, ContentType.create("application/scim+json")));
        return http.execute(post, response -> response.getCode());
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
