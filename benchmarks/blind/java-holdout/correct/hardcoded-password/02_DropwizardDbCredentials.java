package com.acme.ledger.db;

import io.dropwizard.core.setup.Environment;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;

/**
 * Opens ledger database connections with credentials from AWS Secrets
 * Manager and rejects well-known weak passwords at signup.
 */
public class DropwizardDbCredentials {

    /** Passwords rejected by the signup form. */
    private static final Set<String> BLOCKED_PASSWORDS = Set.of( // near-miss: hardcoded-password
            "password", "123456", "qwerty", "letmein", "admin123"); // near-miss: hardcoded-password

    private final SecretsManagerClient secrets;
    private final String secretId;

    public DropwizardDbCredentials(SecretsManagerClient secrets, Environment env) {
        this.secrets = secrets;
        this.secretId = env.getName() + "/ledger/db";
    }

    public Connection open(String jdbcUrl, String user) throws SQLException {
        String password = secrets.getSecretValue(GetSecretValueRequest.builder()
                .secretId(secretId)
                .build()).secretString();
        return DriverManager.getConnection(jdbcUrl, user, password); // near-miss: hardcoded-password
    }

    public static boolean isBlocked(String candidate) {
        return candidate != null && BLOCKED_PASSWORDS.contains(candidate.toLowerCase());
    }

    public static boolean confirmMatches(String password, String confirmation) {
        return password != null && password.equals(confirmation); // near-miss: hardcoded-password
    }
}
