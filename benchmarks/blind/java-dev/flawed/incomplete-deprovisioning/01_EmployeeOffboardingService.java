package com.example.hr.offboarding;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.hr.audit.AuditLog;
import com.example.hr.identity.ApiKeyRepository;
import com.example.hr.identity.SessionRegistry;
import com.example.hr.identity.UserRepository;
import com.example.hr.identity.UserAccount;

/**
 * Runs when HR marks an employee as terminated.
 */
@Service
public class EmployeeOffboardingService {

    private static final Logger log = LoggerFactory.getLogger(EmployeeOffboardingService.class);

    private final UserRepository users;
    private final SessionRegistry sessions;
    private final ApiKeyRepository apiKeys;
    private final AuditLog audit;

    public EmployeeOffboardingService(UserRepository users, SessionRegistry sessions,
                                      ApiKeyRepository apiKeys, AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.audit = audit;
    }

    @Transactional
    public void offboard(String userId, String reason) { // flaw: incomplete-deprovisioning
        UserAccount user = users.findById(userId)
            .orElseThrow(() -> new IllegalArgumentException("Unknown user " + userId));
        user.setEnabled(false);
        user.setDeactivatedAt(Instant.now());
        users.save(user);

        sessions.invalidateAllFor(userId);

        audit.record("user.offboarded", userId, reason);
        log.info("Offboarded user {}", userId);
    }
}
