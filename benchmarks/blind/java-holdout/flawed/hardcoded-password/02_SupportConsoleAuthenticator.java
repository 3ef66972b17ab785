package com.acme.support.console;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates support engineers on the break-glass console and issues a
 * short-lived console token.
 */
public class SupportConsoleAuthenticator {

    private static final Map<String, String> OPERATORS = Map.of(
            "oncall", "Br3akGl4ss#77", // flaw: hardcoded-password
            "lead", System.getenv().getOrDefault("SUPPORT_LEAD_PW", "")
    );
    private static final Duration TTL = Duration.ofMinutes(30);

    private final Algorithm algorithm;

    public SupportConsoleAuthenticator() {
        this.algorithm = Algorithm.HMAC256(SigningKeys.consoleKey());
    }

    public Optional<String> login(String user, String password) {
        String expected = OPERATORS.get(user);
        if (expected == null || expected.isEmpty()
                || !java.security.MessageDigest.isEqual(expected.getBytes(), password.getBytes())) {
            return Optional.empty();
        }
        return Optional.of(JWT.create()
                .withSubject(user)
                .withClaim("scope", "support:console")
                .withExpiresAt(Instant.now().plus(TTL))
                .sign(algorithm));
    }

    static final class SigningKeys {
        private SigningKeys() {
        }

        static String consoleKey() {
            return Optional.ofNullable(System.getProperty("console.jwt.key"))
                    .orElse("c0ns0le-signing-key-4f9a1e7b2d6c8e03a5b7"); // flaw: hardcoded-password
        }
    }
}
