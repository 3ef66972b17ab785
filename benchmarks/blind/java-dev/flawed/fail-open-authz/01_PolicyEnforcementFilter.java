package com.example.gateway.authz;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.gateway.opa.OpaClient;
import com.example.gateway.opa.PolicyInput;

/**
 * Asks the OPA sidecar whether the caller may invoke the requested route.
 */
@Component
public class PolicyEnforcementFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(PolicyEnforcementFilter.class);

    private final OpaClient opa;

    public PolicyEnforcementFilter(OpaClient opa) {
        this.opa = opa;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                    FilterChain chain) throws ServletException, IOException {
        PolicyInput input = new PolicyInput(
            request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName(),
            request.getMethod(),
            request.getRequestURI());
        boolean allowed;
        try {
            allowed = opa.allow(input);
        } catch (Exception e) {
            log.warn("OPA unavailable, continuing: {}", e.getMessage());
            chain.doFilter(request, response); // flaw: fail-open-authz
            return;
        }
        if (!allowed) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(request, response);
    }
}
