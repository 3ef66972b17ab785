package com.acme.dashboard.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * OIDC login for the analytics dashboard (Spring Security 6). PKCE is forced
 * for every client registration; CSRF protection stays on for the browser
 * app and is only relaxed for the stateless ingestion webhook.
 */
@Configuration
public class OAuth2ClientSecurityConfig {

    @Bean
    SecurityFilterChain dashboard(HttpSecurity http, ClientRegistrationRepository clients) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver resolver =
                new DefaultOAuth2AuthorizationRequestResolver(clients, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()); // near-miss: sso-misconfig
        http
            .authorizeHttpRequests(a -> a
                .requestMatchers("/", "/error", "/actuator/health").permitAll()
                .anyRequest().authenticated())
            .oauth2Login(o -> o.authorizationEndpoint(e -> e.authorizationRequestResolver(resolver)))
            .logout(Customizer.withDefaults())
            .csrf(csrf -> csrf
                .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse()) // near-miss: sso-misconfig
                .ignoringRequestMatchers("/hooks/ingest")); // near-miss: sso-misconfig
        return http.build();
    }
}
