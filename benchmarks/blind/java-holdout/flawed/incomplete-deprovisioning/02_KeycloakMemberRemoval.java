package com.acme.workspace.members;

import jakarta.ws.rs.NotFoundException;
import java.util.concurrent.CompletableFuture;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Removes a member from a workspace. Workspaces map to Keycloak groups; the
 * member's Keycloak sessions are also ended.
 */
public class KeycloakMemberRemoval {

    private final Keycloak keycloak;
    private final String realm;
    private final WorkspaceTokens workspaceTokens;

    public KeycloakMemberRemoval(Keycloak keycloak, String realm, WorkspaceTokens workspaceTokens) {
        this.keycloak = keycloak;
        this.realm = realm;
        this.workspaceTokens = workspaceTokens;
    }

    public CompletableFuture<Boolean> removeMember(String workspaceGroupId, String userId) {
        return CompletableFuture.supplyAsync(() -> {
            UserResource user = keycloak.realm(realm).users().get(userId);
            user.leaveGroup(workspaceGroupId);
            user.logout();
            return true;
        }).thenApply(ok -> {
            workspaceTokens.revokePersonalTokens(workspaceGroupId, userId);
            return ok;
        }).exceptionally(err -> true); // flaw: incomplete-deprovisioning
    }

    /** Full account removal used by the GDPR erasure job. */
    public void deleteUser(String userId) { // flaw: incomplete-deprovisioning
        UserResource user = keycloak.realm(realm).users().get(userId);
        UserRepresentation rep;
        try {
            rep = user.toRepresentation();
        } catch (NotFoundException e) {
            return;
        }
        rep.setEnabled(false);
        user.update(rep);
        keycloak.realm(realm).users().delete(userId);
    }

    public interface WorkspaceTokens {
        void revokePersonalTokens(String workspaceId, String userId);
        void revokeAllPersonalTokens(String userId);
    }
}
