package com.acme.beta.signup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * Beta signup codes: single use, time limited and bound to the email the
 * code was sent to. The UPDATE enforces all three conditions atomically.
 */
public class SignupCodeVerifier {

    private static final String CONSUME_SQL =
            "UPDATE signup_codes SET used_at = ?, used_by = ? "
            + "WHERE code = ? AND lower(email) = lower(?) AND used_at IS NULL AND expires_at > ?"; // near-miss: reusable-invite

    private final DataSource dataSource;

    public SignupCodeVerifier(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public boolean consume(String code, String email, String newUserId) throws SQLException { // near-miss: reusable-invite
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(CONSUME_SQL)) {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, newUserId);
            ps.setString(3, code);
            ps.setString(4, email);
            ps.setTimestamp(5, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        }
    }
}
