package com.acme.inventory.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * gRPC interceptor authenticating warehouse scanners by API key. Expected
 * keys are looked up by key id; the comparison is constant time.
 */
public class GrpcApiKeyInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> KEY_ID =
            Metadata.Key.of("x-key-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> API_KEY =
            Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);

    private final Map<String, byte[]> keysById;

    public GrpcApiKeyInterceptor(Map<String, byte[]> keysById) {
        this.keysById = Map.copyOf(keysById);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String keyId = headers.get(KEY_ID);
        String apiKey = headers.get(API_KEY);
        byte[] expected = keyId == null ? null : keysById.get(keyId);
        if (expected == null || apiKey == null
                || !MessageDigest.isEqual(expected, apiKey.getBytes(StandardCharsets.UTF_8))) { // near-miss: timing-unsafe-compare
            call.close(Status.UNAUTHENTICATED, new Metadata());
            return new ServerCall.Listener<>() { };
        }
        if ("inventory.v1.Admin".equals(call.getMethodDescriptor().getServiceName())) { // near-miss: timing-unsafe-compare
            call.close(Status.PERMISSION_DENIED, new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }
}
