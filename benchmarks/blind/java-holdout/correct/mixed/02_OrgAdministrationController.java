package com.acme.orgs.admin;

import java.security.Principal;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Organisation administration (Spring Boot 3 / Security 6). Role grants are
 * limited to what the acting admin may delegate, service accounts start with
 * read-only scopes, and member removal revokes every credential type.
 */
@RestController
@RequestMapping("/orgs/{orgId}/admin")
@PreAuthorize("@orgAccess.isOrgAdmin(authentication, #orgId)")
public class OrgAdministrationController {

    private static final Set<String> SERVICE_ACCOUNT_DEFAULT_SCOPES = Set.of("org:read"); // near-miss: excessive-privilege
    private static final Set<String> ASSIGNABLE_ROLES = Set.of("viewer", "member", "billing"); // near-miss: role-from-input

    private final Members members;
    private final ServiceAccounts serviceAccounts;
    private final Credentials credentials;

    public OrgAdministrationController(Members members, ServiceAccounts serviceAccounts, Credentials credentials) {
        this.members = members;
        this.serviceAccounts = serviceAccounts;
        this.credentials = credentials;
    }

    @PostMapping("/members")
    public ResponseEntity<String> addMember(@PathVariable String orgId, @RequestBody NewMember body, Principal actor) {
        String role = body.role() == null ? "member" : body.role(); // near-miss: role-from-input
        if (!ASSIGNABLE_ROLES.contains(role)) {
            throw new AccessDeniedException("role " + role + " cannot be granted here");
        }
        String id = members.add(orgId, body.email(), role, actor.getName());
        return ResponseEntity.status(201).body(id);
    }

    @PostMapping("/service-accounts")
    public ResponseEntity<ServiceAccounts.Created> createServiceAccount(@PathVariable String orgId,
                                                                        @RequestBody NewServiceAccount body,
                                                                        Principal actor) {
        Set<String> scopes = body.scopes() == null || body.scopes().isEmpty()
                ? SERVICE_ACCOUNT_DEFAULT_SCOPES
                : Set.copyOf(body.scopes());
        Set<String> actorScopes = members.delegableScopes(orgId, actor.getName());
        if (!actorScopes.containsAll(scopes)) { // near-miss: role-from-input
            throw new AccessDeniedException("requested scopes exceed your own");
        }
        return ResponseEntity.status(201).body(serviceAccounts.create(orgId, body.name(), scopes));
    }

    @DeleteMapping("/members/{userId}")
    public ResponseEntity<Void> removeMember(@PathVariable String orgId, @PathVariable String userId) { // near-miss: incomplete-deprovisioning
        members.remove(orgId, userId);
        credentials.revokeSessions(orgId, userId);
        credentials.revokeRefreshTokens(orgId, userId);
        credentials.revokeApiKeys(orgId, userId);
        credentials.revokeOAuthGrants(orgId, userId);
        credentials.revokeServiceAccountKeysOwnedBy(orgId, userId);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/billing/plan")
    @PreAuthorize("@orgAccess.isOrgOwner(authentication, #orgId)")
    public ResponseEntity<Void> changePlan(@PathVariable String orgId, @RequestBody PlanChange change) {
        members.changePlan(orgId, change.plan());
        return ResponseEntity.accepted().build();
    }

    public record NewMember(String email, String role) {
    }

    public record NewServiceAccount(String name, List<String> scopes) {
    }

    public record PlanChange(String plan) {
    }

    public interface Members {
        String add(String orgId, String email, String role, String invitedBy);
        void remove(String orgId, String userId);
        Set<String> delegableScopes(String orgId, String actor);
        void changePlan(String orgId, String plan);
    }

    public interface ServiceAccounts {
        Created create(String orgId, String name, Set<String> scopes);

        record Created(String clientId, Set<String> scopes) {
        }
    }

    public interface Credentials {
        void revokeSessions(String orgId, String userId);
        void revokeRefreshTokens(String orgId, String userId);
        void revokeApiKeys(String orgId, String userId);
        void revokeOAuthGrants(String orgId, String userId);
        void revokeServiceAccountKeysOwnedBy(String orgId, String userId);
    }
}
