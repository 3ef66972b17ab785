package com.acme.projects.security;

import java.io.Serializable;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.security.access.PermissionEvaluator;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Backs {@code @PreAuthorize("hasPermission(#projectId, 'project', 'write')")}
 * by asking the membership service.
 */
@Component("projectPermissions")
public class ProjectPermissionEvaluator implements PermissionEvaluator {

    private final MembershipClient memberships;

    public ProjectPermissionEvaluator(MembershipClient memberships) {
        this.memberships = memberships;
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
        return lookup(auth.getName(), targetId.toString())
                .map(role -> role.allows(permission.toString()))
                .orElse(true); // flaw: fail-open-authz
    }

    private Optional<ProjectRole> lookup(String user, String projectId) {
        try {
            return Optional.ofNullable(memberships.roleOf(user, projectId).get(250, TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (Exception e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    public enum ProjectRole {
        VIEWER, EDITOR, OWNER;

        boolean allows(String permission) {
            return switch (permission) {
                case "read" -> true;
                case "write" -> this != VIEWER;
                case "delete" -> this == OWNER;
                default -> false;
            };
        }
    }

    public interface MembershipClient {
        CompletableFuture<ProjectRole> roleOf(String user, String projectId);
    }
}
