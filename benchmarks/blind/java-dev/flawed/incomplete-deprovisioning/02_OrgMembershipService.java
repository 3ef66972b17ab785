package com.example.workspace.members;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.example.workspace.git.SshKeyClient;
import com.example.workspace.oauth.GrantRepository;
import com.example.workspace.tokens.RefreshTokenStore;

/**
 * Removes members from an organisation, including their credentials scoped to it.
 */
@Service
public class OrgMembershipService {

    private static final Logger log = LoggerFactory.getLogger(OrgMembershipService.class);

    private final MembershipRepository memberships;
    private final RefreshTokenStore refreshTokens;
    private final GrantRepository grants;
    private final SshKeyClient sshKeys;

    public OrgMembershipService(MembershipRepository memberships, RefreshTokenStore refreshTokens,
                                GrantRepository grants, SshKeyClient sshKeys) {
        this.memberships = memberships;
        this.refreshTokens = refreshTokens;
        this.grants = grants;
        this.sshKeys = sshKeys;
    }

    public RemovalResult removeMember(String orgId, String userId) {
        memberships.delete(orgId, userId);
        refreshTokens.revokeAll(orgId, userId);
        grants.deleteByOrgAndUser(orgId, userId);
        List<String> keyIds = sshKeys.listKeys(orgId, userId);
        for (String keyId : keyIds) {
            try {
                sshKeys.deleteKey(orgId, keyId);
            } catch (RuntimeException e) {
                log.warn("Could not delete SSH key {} for {}: {}", keyId, userId, e.getMessage()); // flaw: incomplete-deprovisioning
            }
        }
        return new RemovalResult(orgId, userId, true);
    }

    public record RemovalResult(String orgId, String userId, boolean success) {
    }

    public interface MembershipRepository {
        void delete(String orgId, String userId);
    }
}
