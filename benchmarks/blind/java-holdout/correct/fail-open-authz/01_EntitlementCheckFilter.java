package com.acme.media.filters;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servlet filter in front of the premium media endpoints. Asks the
 * entitlement service; any error or timeout answers 503 instead of serving.
 */
public class EntitlementCheckFilter implements Filter {

    private static final Logger log = LoggerFactory.getLogger(EntitlementCheckFilter.class);
    private final EntitlementClient entitlements;

    public EntitlementCheckFilter(EntitlementClient entitlements) {
        this.entitlements = entitlements;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        HttpServletResponse out = (HttpServletResponse) res;
        String user = http.getRemoteUser();
        if (user == null) {
            out.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        boolean allowed;
        try {
            allowed = entitlements.canStream(user, http.getRequestURI());
        } catch (RuntimeException e) { // near-miss: fail-open-authz
            log.warn("entitlement lookup failed for {}", user, e);
            out.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        if (!allowed) {
            out.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        chain.doFilter(req, res); // near-miss: fail-open-authz
    }

    public interface EntitlementClient {
        boolean canStream(String user, String path);
    }
}
