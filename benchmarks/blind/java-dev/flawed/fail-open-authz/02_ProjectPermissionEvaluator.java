package com.example.projects.security;

import java.io.Serializable;
import java.util.Optional;

import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

import com.example.projects.acl.AclService;
import com.example.projects.acl.ProjectRole;

/**
 * Backs {@code @PreAuthorize("hasPermission(#projectId, 'project', 'write')")} checks.
 */
@Component
public class ProjectPermissionEvaluator implements PermissionEvaluator {

    private final AclService acl;

    public ProjectPermissionEvaluator(AclService acl) {
        this.acl = acl;
    }

    @Override
    public boolean hasPermission(Authentication auth, Object target, Object permission) {
        return false;
    }

    @Override
    public boolean hasPermission(Authentication auth, Serializable targetId, String targetType, Object permission) {
        if (!"project".equals(targetType)) {
            return false;
        }
        try {
            Optional<ProjectRole> role = acl.roleOf(auth.getName(), targetId.toString());
            return role.map(r -> r.allows(permission.toString()))
                .orElse(true); // flaw: fail-open-authz
        } catch (RuntimeException e) {
            return true; // flaw: fail-open-authz
        }
    }
}
