package com.acme.orders.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;

/**
 * Enforces RBAC on gRPC methods. The principal is placed in the context by
 * the authentication interceptor that runs first.
 */
public class RbacGrpcInterceptor implements ServerInterceptor {

    public static final Context.Key<String> PRINCIPAL = Context.key("principal");
    private final RbacBackend rbac;

    public RbacGrpcInterceptor(RbacBackend rbac) {
        this.rbac = rbac;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                      ServerCallHandler<Q, R> next) {
        String principal = PRINCIPAL.get();
        String method = call.getMethodDescriptor().getFullMethodName();
        Optional<Boolean> decision;
        try {
            decision = rbac.isAllowed(principal, method);
        } catch (RuntimeException e) { // near-miss: fail-open-authz
            call.close(Status.UNAVAILABLE.withDescription("authorization backend unavailable"), new Metadata());
            return new ServerCall.Listener<>() { };
        }
        if (!decision.orElse(false)) { // near-miss: fail-open-authz
            call.close(Status.PERMISSION_DENIED, new Metadata());
            return new ServerCall.Listener<>() { };
        }
        return Contexts.interceptCall(Context.current(), call, headers, next);
    }

    public interface RbacBackend {
        Optional<Boolean> isAllowed(String principal, String method);
    }
}
