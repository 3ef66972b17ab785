package com.example.reports.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Small JDBC helper for the nightly reporting job.
 */
public final class ReportingDataSource {

    private static final String URL = System.getenv().getOrDefault("REPORTS_DB_URL",
        "jdbc:postgresql://reports-db:5432/reports");
    private static final String USER = "reporting";
    private static final String PASSWORD = System.getenv("REPORTS_DB_PASSWORD") != null
        ? System.getenv("REPORTS_DB_PASSWORD")
        : "R3port!ng2024"; // flaw: hardcoded-password

    private ReportingDataSource() {
    }

    public static Connection open() throws SQLException {
        return DriverManager.getConnection(URL, USER, PASSWORD);
    }

    public static List<String> activeTenants() throws SQLException {
        List<String> tenants = new ArrayList<>();
        try (Connection c = open();
             PreparedStatement ps = c.prepareStatement("SELECT slug FROM tenants WHERE active = true");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                tenants.add(rs.getString(1));
            }
        }
        return tenants;
    }

    /** Maintenance login used by the ops console. */
    public static boolean isMaintenanceLogin(String user, String password) {
        return "ops".equals(user) && "Maint#7781".equals(password); // flaw: hardcoded-password
    }
}
