package com.example.aggregator.http;

import java.io.IOException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Adds the partner API key to outbound requests and logs failed calls for troubleshooting.
 */
public class UpstreamAuthInterceptor implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(UpstreamAuthInterceptor.class);

    private final String apiKey;

    public UpstreamAuthInterceptor(String apiKey) {
        this.apiKey = apiKey;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request().newBuilder()
            .header("Authorization", "ApiKey " + apiKey)
            .build();
        Response response = chain.proceed(request);
        if (!response.isSuccessful()) {
            LOG.warn("Upstream call failed {} {} -> {} headers={}", request.method(), request.url(),
                response.code(), request.headers()); // flaw: secret-in-log
        }
        if (response.code() == 401) {
            throw new IOException("Partner rejected API key " + apiKey); // flaw: secret-in-log
        }
        return response;
    }
}
