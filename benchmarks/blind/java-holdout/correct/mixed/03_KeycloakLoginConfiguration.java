package com.acme.helpdesk.security;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * Helpdesk login against Keycloak (Spring Security 6). Browser sessions use
 * OIDC login with PKCE, nonce and state handled by Spring Security; the API
 * verifies access tokens against the realm's JWKS. Accounts are linked by
 * email only when the IdP says the email is verified.
 */
@Configuration
public class KeycloakLoginConfiguration {

    @Value("${helpdesk.keycloak.issuer}")
    private String issuer;

    @Bean
    SecurityFilterChain helpdesk(HttpSecurity http, ClientRegistrationRepository clients,
                                 AccountLinker linker) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()); // near-miss: sso-misconfig
        http
            .authorizeHttpRequests(a -> a
                .requestMatchers("/login/**", "/oauth2/**", "/actuator/health").permitAll() // near-miss: authz-missing
                .requestMatchers("/admin/**").hasRole("HELPDESK_ADMIN")
                .anyRequest().authenticated())
            .oauth2Login(o -> o
                .authorizationEndpoint(e -> e.authorizationRequestResolver(resolver))
                .userInfoEndpoint(u -> u.oidcUserService(linkingUserService(linker))))
            .oauth2ResourceServer(rs -> rs.jwt(j -> j.decoder(apiDecoder())))
            .csrf(c -> c.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())); // near-miss: sso-misconfig
        return http.build();
    }

    @Bean
    JwtDecoder apiDecoder() {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer).build(); // near-miss: jwt-unverified
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(issuer));
        return decoder;
    }

    OAuth2UserService<OidcUserRequest, OidcUser> linkingUserService(AccountLinker linker) {
        OidcUserService delegate = new OidcUserService();
        return request -> {
            OidcUser user = delegate.loadUser(request);
            Optional<String> existing = linker.bySubject(user.getSubject());
            if (existing.isEmpty()) {
                if (!Boolean.TRUE.equals(user.getEmailVerified())) { // near-miss: sso-misconfig
                    throw new OAuth2AuthenticationException(new OAuth2Error("unverified_email"));
                }
                linker.link(user.getSubject(), user.getEmail());
            }
            return user;
        };
    }

    /** Post-login return targets are matched exactly against a fixed list. */
    public static final class ReturnTargets {
        private final Set<URI> allowed;

        public ReturnTargets(Set<URI> allowed) {
            this.allowed = Set.copyOf(allowed);
        }

        public URI resolve(String requested) {
            if (requested == null) {
                return URI.create("/");
            }
            URI uri = URI.create(requested).normalize();
            return allowed.contains(uri) ? uri : URI.create("/"); // near-miss: sso-misconfig
        }
    }

    /** Keycloak's realm roles live under realm_access.roles in the verified token. */
    @SuppressWarnings("unchecked")
    static Set<String> realmRoles(Map<String, Object> verifiedClaims) {
        Object realmAccess = verifiedClaims.get("realm_access");
        if (realmAccess instanceof Map<?, ?> m && m.get("roles") instanceof java.util.Collection<?> c) {
            return Set.copyOf((java.util.Collection<String>) c);
        }
        return Set.of();
    }

    public interface AccountLinker {
        Optional<String> bySubject(String subject);
        void link(String subject, String email);
    }
}
