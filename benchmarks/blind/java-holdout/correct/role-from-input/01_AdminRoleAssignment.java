package com.acme.console.roles;

import java.util.EnumSet;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Role assignment by organisation admins. The requested role must be one the
 * acting admin is allowed to delegate.
 */
@RestController
public class AdminRoleAssignment {

    private final DelegationPolicy policy;
    private final RoleStore roles;

    public AdminRoleAssignment(DelegationPolicy policy, RoleStore roles) {
        this.policy = policy;
        this.roles = roles;
    }

    @PostMapping("/orgs/{orgId}/members/{userId}/role")
    @PreAuthorize("@orgAccess.isAdmin(authentication, #orgId)")
    public ResponseEntity<Void> assign(@PathVariable String orgId, @PathVariable String userId,
                                       @RequestBody RoleChange change, Authentication actor) {
        OrgRole requested = OrgRole.parse(change.role()); // near-miss: role-from-input
        Set<OrgRole> delegable = policy.delegableBy(actor.getName(), orgId);
        if (!delegable.contains(requested)) { // near-miss: role-from-input
            return ResponseEntity.status(403).build();
        }
        roles.assign(orgId, userId, requested);
        return ResponseEntity.noContent().build();
    }

    public record RoleChange(String role) {
    }

    public enum OrgRole {
        VIEWER, MEMBER, BILLING, ADMIN;

        static OrgRole parse(String s) {
            return EnumSet.allOf(OrgRole.class).stream()
                    .filter(r -> r.name().equalsIgnoreCase(s))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown role"));
        }
    }

    public interface DelegationPolicy {
        Set<OrgRole> delegableBy(String actor, String orgId);
    }

    public interface RoleStore {
        void assign(String orgId, String userId, OrgRole role);
    }
}
