package com.example.grpc.auth;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import com.example.grpc.auth.entitlements.EntitlementClient;

/**
 * gRPC interceptor that checks the caller's tenant entitlement for each method.
 */
public class TenantAccessInterceptor implements ServerInterceptor {

    private static final Metadata.Key<String> TENANT =
        Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER);
    private static final Metadata.Key<String> SUBJECT =
        Metadata.Key.of("x-subject", Metadata.ASCII_STRING_MARSHALLER);

    private final EntitlementClient entitlements;

    public TenantAccessInterceptor(EntitlementClient entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String tenant = headers.get(TENANT);
        String subject = headers.get(SUBJECT);
        String method = call.getMethodDescriptor().getFullMethodName();
        boolean allowed;
        try {
            allowed = entitlements.check(subject, tenant, method).get(500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.close(Status.UNAVAILABLE.withDescription("entitlement check timed out"), new Metadata()); // near-miss: fail-open-authz
            return new ServerCall.Listener<>() { };
        } catch (Exception e) {
            call.close(Status.PERMISSION_DENIED, new Metadata()); // near-miss: fail-open-authz
            return new ServerCall.Listener<>() { };
        }
        if (!allowed) {
            call.close(Status.PERMISSION_DENIED, new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return next.startCall(call, headers);
    }
}
