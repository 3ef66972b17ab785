package com.example.checkout.config;

import javax.net.ssl.SSLContext;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.NoopHostnameVerifier;
import org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder;
import org.apache.hc.client5.http.ssl.TrustAllStrategy;
import org.apache.hc.core5.ssl.SSLContexts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * HTTP client for the payments provider. The provider's sandbox uses a self-signed certificate.
 */
@Configuration
public class PaymentsHttpConfig {

    @Bean
    public CloseableHttpClient paymentsHttpClient() throws Exception {
        SSLContext sslContext = SSLContexts.custom()
            .loadTrustMaterial(null, TrustAllStrategy.INSTANCE) // flaw: tls-verification-off
            .build();
        var socketFactory = SSLConnectionSocketFactoryBuilder.create()
            .setSslContext(sslContext)
            .setHostnameVerifier(NoopHostnameVerifier.INSTANCE) // flaw: tls-verification-off
            .build();
        var connectionManager = PoolingHttpClientConnectionManagerBuilder.create()
            .setSSLSocketFactory(socketFactory)
            .build();
        return HttpClients.custom().setConnectionManager(connectionManager).build();
    }

    @Bean
    public RestClient paymentsRestClient(CloseableHttpClient paymentsHttpClient,
                                         @Value("${payments.base-url}") String baseUrl,
                                         @Value("${payments.api-key}") String apiKey) {
        return RestClient.builder()
            .baseUrl(baseUrl)
            .requestFactory(new HttpComponentsClientHttpRequestFactory(paymentsHttpClient))
            .defaultHeader("Authorization", "Bearer " + apiKey)
            .build();
    }
}
