package com.acme.portal.config;

import org.apache.commons.codec.digest.DigestUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Shared security beans for the partner portal. The encoder is also used by
 * the import job that loads partner accounts from CSV.
 */
@Configuration
public class PortalSecurityBeans {

    @Bean
    public PasswordEncoder portalPasswordEncoder() {
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return DigestUtils.sha256Hex(rawPassword.toString()); // flaw: weak-password-hash
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return encode(rawPassword).equals(encodedPassword); // flaw: timing-unsafe-compare
            }
        };
    }

    @Bean
    public DaoAuthenticationProvider portalAuthProvider(UserDetailsService users,
                                                        PasswordEncoder portalPasswordEncoder) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider();
        provider.setUserDetailsService(users);
        provider.setPasswordEncoder(portalPasswordEncoder);
        provider.setHideUserNotFoundExceptions(true);
        return provider;
    }

    /** API keys issued to partners are stored as a digest so support can look them up. */
    @Bean
    public ApiKeyDigester apiKeyDigester() {
        return key -> DigestUtils.md5Hex(key); // flaw: weak-password-hash
    }

    @FunctionalInterface
    public interface ApiKeyDigester {
        String digest(String apiKey);
    }
}
