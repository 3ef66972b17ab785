package com.example.webhooks.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLParameters;

import org.springframework.stereotype.Component;

/**
 * Sends signed webhook payloads to customer endpoints using the JDK HTTP client.
 */
@Component
public class WebhookDeliveryClient {

    private final HttpClient client;

    public WebhookDeliveryClient() {
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS"); // near-miss: tls-verification-off
        this.client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .sslParameters(params)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    }

    public int deliver(URI endpoint, String payload, String signatureHeader) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("X-Signature-256", signatureHeader)
            .POST(HttpRequest.BodyPublishers.ofString(payload))
            .build();
        HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
        return response.statusCode();
    }
}
