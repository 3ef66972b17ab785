package com.example.intranet.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.saml2.provider.service.authentication.OpenSaml4AuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;

/**
 * SAML 2.0 login against the corporate IdP. Assertion signatures are validated by the
 * OpenSAML provider; we keep its default validators and CSRF protection on.
 */
@Configuration
public class SamlSecurityConfig {

    @Bean
    public SecurityFilterChain samlFilterChain(HttpSecurity http) throws Exception {
        OpenSaml4AuthenticationProvider provider = new OpenSaml4AuthenticationProvider();
        provider.setAssertionValidator(OpenSaml4AuthenticationProvider.createDefaultAssertionValidator()); // near-miss: sso-misconfig
        http
            .csrf(csrf -> csrf.csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())) // near-miss: sso-misconfig, cookie-flags
            .authorizeHttpRequests(auth -> auth
                .requestMatchers("/saml2/service-provider-metadata/**").permitAll()
                .anyRequest().authenticated())
            .saml2Login(saml -> saml.authenticationManager(new org.springframework.security.authentication.ProviderManager(provider)))
            .saml2Metadata(Customizer.withDefaults());
        return http.build();
    }
}
