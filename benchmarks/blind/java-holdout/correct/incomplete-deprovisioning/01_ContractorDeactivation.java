package com.acme.vendors.access;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deactivates a contractor: account, sessions, refresh tokens, OAuth grants,
 * API keys, SSH keys and group memberships. Any failed step is collected and
 * the whole operation is reported as failed so the job retries it.
 */
public class ContractorDeactivation {

    private static final Logger log = LoggerFactory.getLogger(ContractorDeactivation.class);

    private final AccessBackends backends;

    public ContractorDeactivation(AccessBackends backends) {
        this.backends = backends;
    }

    public void deactivate(String contractorId) { // near-miss: incomplete-deprovisioning
        List<String> failures = new ArrayList<>();
        step(failures, "account", () -> backends.disableAccount(contractorId));
        step(failures, "sessions", () -> backends.invalidateSessions(contractorId));
        step(failures, "refresh-tokens", () -> backends.revokeRefreshTokens(contractorId));
        step(failures, "oauth-grants", () -> backends.revokeOAuthGrants(contractorId));
        step(failures, "api-keys", () -> backends.revokeApiKeys(contractorId));
        step(failures, "ssh-keys", () -> backends.removeSshKeys(contractorId));
        step(failures, "groups", () -> backends.removeAllGroupMemberships(contractorId));
        if (!failures.isEmpty()) {
            throw new DeprovisioningException(contractorId, failures);
        }
        log.info("contractor {} deactivated", contractorId);
    }

    private static void step(List<String> failures, String name, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) { // near-miss: incomplete-deprovisioning
            log.error("deprovisioning step {} failed", name, e);
            failures.add(name);
        }
    }

    public static class DeprovisioningException extends RuntimeException {
        public DeprovisioningException(String id, List<String> failed) {
            super("deprovisioning of " + id + " incomplete: " + failed);
        }
    }

    public interface AccessBackends {
        void disableAccount(String id);
        void invalidateSessions(String id);
        void revokeRefreshTokens(String id);
        void revokeOAuthGrants(String id);
        void revokeApiKeys(String id);
        void removeSshKeys(String id);
        void removeAllGroupMemberships(String id);
    }
}
