package com.acme.billing.bootstrap;

import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard application bootstrap for the billing worker. Resolves OAuth
 * client credentials for the payment provider at startup.
 */
public class ClientCredentialsBootstrap extends Application<ClientCredentialsBootstrap.BillingConfig> {

    private static final Logger log = LoggerFactory.getLogger(ClientCredentialsBootstrap.class);

    @Override
    public void run(BillingConfig config, Environment environment) {
        ProviderCredentials creds = ProviderCredentials.resolve(config);
        log.info("payment provider configured: {}", creds); // flaw: secret-in-log
        environment.lifecycle().manage(new PaymentPoller(creds));
    }

    public static class BillingConfig extends Configuration {
        public String providerClientId;
        public String providerSecretEnv = "PAYMENT_CLIENT_SECRET";
    }

    record ProviderCredentials(String clientId, String clientSecret) {
        static ProviderCredentials resolve(BillingConfig cfg) {
            String secret = System.getenv(cfg.providerSecretEnv);
            if (secret == null) {
                throw new IllegalStateException("client secret missing; expected env " + cfg.providerSecretEnv);
            }
            if (secret.length() < 24) {
                throw new IllegalStateException("client secret too short: " + secret); // flaw: secret-in-log
            }
            return new ProviderCredentials(cfg.providerClientId, secret);
        }
    }

    static final class PaymentPoller implements io.dropwizard.lifecycle.Managed {
        private final ProviderCredentials creds;

        PaymentPoller(ProviderCredentials creds) {
            this.creds = creds;
        }

        @Override
        public void start() {
            log.info("poller starting for client {}", creds.clientId());
        }

        @Override
        public void stop() {
        }
    }
}
