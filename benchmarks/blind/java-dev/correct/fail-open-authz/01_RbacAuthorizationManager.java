package com.example.admin.security;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

import com.example.admin.rbac.RbacClient;

/**
 * Delegates route authorization to the central RBAC service. Errors deny access.
 */
@Component
public class RbacAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Logger log = LoggerFactory.getLogger(RbacAuthorizationManager.class);

    private final RbacClient rbac;

    public RbacAuthorizationManager(RbacClient rbac) {
        this.rbac = rbac;
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext ctx) {
        Authentication auth = authentication.get();
        if (auth == null || !auth.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        try {
            boolean granted = rbac.isAllowed(auth.getName(), ctx.getRequest().getMethod(),
                ctx.getRequest().getRequestURI());
            return new AuthorizationDecision(granted); // near-miss: fail-open-authz
        } catch (RuntimeException e) {
            log.error("RBAC lookup failed for {}", auth.getName(), e);
            return new AuthorizationDecision(false); // near-miss: fail-open-authz
        }
    }
}
