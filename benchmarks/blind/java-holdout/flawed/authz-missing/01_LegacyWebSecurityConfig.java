package com.acme.backoffice.config;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityConfigurerAdapter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Security 5 configuration for the back-office application.
 */
@Configuration
@EnableWebSecurity
public class LegacyWebSecurityConfig extends WebSecurityConfigurerAdapter {

    @Value("${backoffice.ui-origin}")
    private String uiOrigin;

    @Override
    protected void configure(HttpSecurity http) throws Exception {
        http
            .cors().and()
            .authorizeRequests()
                .antMatchers("/actuator/health", "/assets/**").permitAll()
                .antMatchers("/internal/**").permitAll() // flaw: authz-missing
                .antMatchers("/admin/**").hasRole("ADMIN")
                .anyRequest().authenticated()
            .and()
            .formLogin().loginPage("/login").permitAll()
            .and()
            .logout();
    }

    @Bean
    CorsConfigurationSource corsConfigurationSource() {
        CorsConfiguration cfg = new CorsConfiguration();
        cfg.addAllowedOriginPattern("*"); // flaw: authz-missing
        cfg.addAllowedMethod("*");
        cfg.addAllowedHeader("*");
        cfg.setAllowCredentials(true);
        UrlBasedCorsConfigurationSource src = new UrlBasedCorsConfigurationSource();
        src.registerCorsConfiguration("/**", cfg);
        return src;
    }

    /** Internal endpoints used by the ops scripts: user resets, key rotation, plan changes. */
    public static final String[] INTERNAL_OPERATIONS = {
        "/internal/users/reset", "/internal/keys/rotate", "/internal/billing/plan"
    };
}
