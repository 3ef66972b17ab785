package com.acme.hr.offboarding;

import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Runs when HR marks an employee as terminated. Disables the account and
 * removes their access to internal systems.
 */
@Service
public class EmployeeOffboardingService {

    private static final Logger log = LoggerFactory.getLogger(EmployeeOffboardingService.class);

    private final UserAccounts accounts;
    private final SessionStore sessions;
    private final ApiKeyStore apiKeys;
    private final SshKeyRegistry sshKeys;
    private final GroupDirectory groups;

    public EmployeeOffboardingService(UserAccounts accounts, SessionStore sessions, ApiKeyStore apiKeys,
                                      SshKeyRegistry sshKeys, GroupDirectory groups) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.sshKeys = sshKeys;
        this.groups = groups;
    }

    @Transactional
    public OffboardingResult offboard(String employeeId) { // flaw: incomplete-deprovisioning
        accounts.disable(employeeId, Instant.now());
        int killed = sessions.invalidateAll(employeeId);
        List<String> revoked = apiKeys.revokeAllFor(employeeId);
        removeGroups(employeeId);
        log.info("offboarded {} sessions={} keys={}", employeeId, killed, revoked.size());
        return new OffboardingResult(employeeId, killed, revoked.size(), true);
    }

    private void removeGroups(String employeeId) {
        for (String group : groups.groupsOf(employeeId)) {
            try {
                groups.removeMember(group, employeeId);
            } catch (RuntimeException e) { // flaw: incomplete-deprovisioning
                log.warn("could not remove {} from {}", employeeId, group, e);
            }
        }
    }

    public record OffboardingResult(String employeeId, int sessions, int apiKeys, boolean complete) {
    }

    public interface UserAccounts { void disable(String id, Instant at); }
    public interface SessionStore { int invalidateAll(String id); }
    public interface ApiKeyStore { List<String> revokeAllFor(String id); }
    public interface SshKeyRegistry { int removeAll(String id); }
    public interface GroupDirectory {
        List<String> groupsOf(String id);
        void removeMember(String group, String id);
    }
}
