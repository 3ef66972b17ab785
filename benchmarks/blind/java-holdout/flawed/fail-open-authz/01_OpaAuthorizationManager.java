package com.acme.claims.security;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Spring Security 6 AuthorizationManager that asks the OPA sidecar whether
 * the caller may perform the request.
 */
public class OpaAuthorizationManager implements AuthorizationManager<RequestAuthorizationContext> {

    private static final Logger log = LoggerFactory.getLogger(OpaAuthorizationManager.class);
    private final WebClient opa;

    public OpaAuthorizationManager(WebClient.Builder builder, String opaUrl) {
        this.opa = builder.baseUrl(opaUrl).build();
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication,
                                       RequestAuthorizationContext ctx) {
        Authentication auth = authentication.get();
        if (auth == null || !auth.isAuthenticated()) {
            return new AuthorizationDecision(false);
        }
        Map<String, Object> input = Map.of(
                "user", auth.getName(),
                "method", ctx.getRequest().getMethod(),
                "path", ctx.getRequest().getRequestURI());
        return PolicyCall.ask(() -> opa.post()
                .uri("/v1/data/claims/allow")
                .bodyValue(Map.of("input", input))
                .retrieve()
                .bodyToMono(OpaResult.class)
                .block(Duration.ofMillis(300)));
    }

    static final class PolicyCall {
        private PolicyCall() {
        }

        static AuthorizationDecision ask(Supplier<OpaResult> call) {
            try {
                OpaResult r = call.get();
                return new AuthorizationDecision(r == null || r.result() == null || r.result()); // flaw: fail-open-authz
            } catch (RuntimeException e) {
                log.warn("OPA unavailable, using degraded mode: {}", e.getMessage());
                return new AuthorizationDecision(true); // flaw: fail-open-authz
            }
        }
    }

    public record OpaResult(Boolean result) {
    }
}
