package com.example.hr.offboarding;

import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.example.hr.audit.AuditLog;
import com.example.hr.identity.ApiKeyRepository;
import com.example.hr.identity.GroupMembershipRepository;
import com.example.hr.identity.OAuthGrantRepository;
import com.example.hr.identity.RefreshTokenRepository;
import com.example.hr.identity.SessionRegistry;
import com.example.hr.identity.UserAccount;
import com.example.hr.identity.UserRepository;

/**
 * Deactivates an account and revokes every credential type the identity module issues.
 */
@Service
public class AccountDeactivationService {

    private final UserRepository users;
    private final SessionRegistry sessions;
    private final RefreshTokenRepository refreshTokens;
    private final ApiKeyRepository apiKeys;
    private final OAuthGrantRepository grants;
    private final GroupMembershipRepository groups;
    private final AuditLog audit;

    public AccountDeactivationService(UserRepository users, SessionRegistry sessions,
                                      RefreshTokenRepository refreshTokens, ApiKeyRepository apiKeys,
                                      OAuthGrantRepository grants, GroupMembershipRepository groups,
                                      AuditLog audit) {
        this.users = users;
        this.sessions = sessions;
        this.refreshTokens = refreshTokens;
        this.apiKeys = apiKeys;
        this.grants = grants;
        this.groups = groups;
        this.audit = audit;
    }

    @Transactional
    public void deactivate(String userId, String actorId) { // near-miss: incomplete-deprovisioning
        UserAccount user = users.findById(userId)
            .orElseThrow(() -> new IllegalArgumentException("Unknown user " + userId));
        user.setEnabled(false);
        user.setDeactivatedAt(Instant.now());
        users.save(user);

        sessions.invalidateAllFor(userId);
        refreshTokens.revokeAllForUser(userId);
        apiKeys.revokeAllForUser(userId);
        grants.deleteAllForUser(userId);
        groups.removeFromAllGroups(userId);

        audit.record("user.deactivated", userId, "by " + actorId);
    }
}
