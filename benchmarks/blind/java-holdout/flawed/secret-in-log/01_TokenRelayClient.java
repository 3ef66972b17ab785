package com.acme.gateway.relay;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OkHttp client that relays the caller's bearer token to downstream APIs.
 * A debug interceptor records request metadata for troubleshooting.
 */
public class TokenRelayClient {

    private static final Logger log = LoggerFactory.getLogger(TokenRelayClient.class);

    private final OkHttpClient client;

    public TokenRelayClient() {
        this.client = new OkHttpClient.Builder()
                .addInterceptor(new RequestTrace())
                .build();
    }

    public Response get(String url, String bearerToken) throws IOException {
        Request request = new Request.Builder()
                .url(url)
                .header("Authorization", "Bearer " + bearerToken)
                .build();
        return client.newCall(request).execute();
    }

    static final class RequestTrace implements Interceptor {
        @Override
        public Response intercept(Chain chain) throws IOException {
            Request req = chain.request();
            long start = System.nanoTime();
            log.debug("--> {} {} headers={}", req.method(), req.url(), req.headers()); // flaw: secret-in-log
            Response res = chain.proceed(req);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (res.code() == 401) {
                log.warn("downstream rejected credentials {} for {}", req.header("Authorization"), req.url()); // flaw: secret-in-log
            }
            log.debug("<-- {} {} ({} ms)", res.code(), req.url(), ms);
            return res;
        }
    }
}
