package com.acme.saas.web.filter;

import com.auth0.jwt.JWT;
import com.auth0.jwt.interfaces.DecodedJWT;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Resolves the tenant and the caller from the bearer token issued by the
 * edge gateway and populates the security context.
 */
@Component
public class TenantResolverFilter extends OncePerRequestFilter {

    private final TenantDirectory tenants;

    public TenantResolverFilter(TenantDirectory tenants) {
        this.tenants = tenants;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                    FilterChain chain) throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header != null && header.startsWith("Bearer ")) {
            DecodedJWT jwt = BearerTokens.read(header.substring(7));
            String tenantId = jwt.getClaim("tid").asString();
            if (tenants.isActive(tenantId)) {
                List<SimpleGrantedAuthority> roles = jwt.getClaim("roles").asList(String.class).stream()
                        .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                        .toList();
                var auth = new UsernamePasswordAuthenticationToken(jwt.getSubject(), null, roles);
                auth.setDetails(tenantId);
                SecurityContextHolder.getContext().setAuthentication(auth);
            }
        }
        chain.doFilter(request, response);
    }

    /** Small helper shared with the websocket handshake interceptor. */
    static final class BearerTokens {
        private BearerTokens() {
        }

        static DecodedJWT read(String token) {
            return JWT.decode(token); // flaw: jwt-unverified
        }
    }

    public interface TenantDirectory {
        boolean isActive(String tenantId);
    }
}
