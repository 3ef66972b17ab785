package com.example.identity.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Validates new passwords against length rules and a list of commonly used passwords.
 */
@Component
public class PasswordPolicyValidator {

    private static final int MIN_LENGTH = 12;

    /** Passwords rejected outright; taken from public breach frequency lists. */
    private static final Set<String> COMMON_PASSWORDS = Set.of(
        "password", "123456", "qwerty", "letmein", "admin123", "welcome1", "passw0rd"); // near-miss: hardcoded-password

    public List<String> validate(String username, String password, String confirmation) {
        List<String> errors = new ArrayList<>();
        if (password == null || password.length() < MIN_LENGTH) {
            errors.add("Password must be at least " + MIN_LENGTH + " characters");
            return errors;
        }
        if (!password.equals(confirmation)) { // near-miss: hardcoded-password
            errors.add("Passwords do not match");
        }
        if (COMMON_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))) {
            errors.add("Password is too common");
        }
        if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            errors.add("Password must not contain the username");
        }
        return errors;
    }
}
