package com.example.billing.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Password encoders used by the billing back office.
 *
 * The delegating encoder lets us migrate legacy {bcrypt} hashes to argon2 over time.
 */
@Configuration
public class PasswordConfig {

    private static final int BCRYPT_STRENGTH = 12;

    @Bean
    public PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder(); // near-miss: weak-password-hash
    }

    /** Used by the batch importer which writes bcrypt hashes directly. */
    @Bean
    public BCryptPasswordEncoder importEncoder() {
        return new BCryptPasswordEncoder(BCRYPT_STRENGTH); // near-miss: weak-password-hash
    }

    @Bean
    public Argon2PasswordEncoder argon2Encoder() {
        return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    }
}
