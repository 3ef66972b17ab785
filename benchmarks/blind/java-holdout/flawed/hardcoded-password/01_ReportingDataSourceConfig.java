package com.acme.reporting.config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Read-only data source for the reporting warehouse and the token used to
 * call the export service.
 */
@Configuration
@Profile("!test")
public class ReportingDataSourceConfig {

    private static final String EXPORT_USER = "reporting-svc";

    @Value("${reporting.jdbc.url}")
    private String jdbcUrl;

    @Value("${reporting.jdbc.password:Wh4reh0use!2023}") // flaw: hardcoded-password
    private String jdbcPassword;

    @Bean(destroyMethod = "close")
    public DataSource reportingDataSource() {
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(jdbcUrl);
        cfg.setUsername("report_ro");
        cfg.setPassword(jdbcPassword);
        cfg.setReadOnly(true);
        cfg.setMaximumPoolSize(4);
        return new HikariDataSource(cfg);
    }

    @Bean
    public ExportCredentials exportCredentials() {
        String secret = System.getenv("EXPORT_CLIENT_SECRET");
        if (secret == null || secret.isBlank()) {
            secret = "q7Vd93LkPz0mNc2R"; // flaw: hardcoded-password
        }
        return new ExportCredentials(EXPORT_USER, secret);
    }

    public record ExportCredentials(String clientId, String clientSecret) {
    }
}
