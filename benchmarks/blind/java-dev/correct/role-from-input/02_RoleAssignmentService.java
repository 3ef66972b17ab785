package com.example.iam.roles;

import java.util.Set;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

import com.example.iam.roles.model.Actor;
import com.example.iam.roles.model.AssignRoleRequest;
import com.example.iam.roles.model.RoleRepository;

/**
 * Assigns roles requested by tenant administrators, limited to roles the actor may delegate.
 */
@Service
public class RoleAssignmentService {

    private static final Set<String> DELEGABLE_BY_TENANT_ADMIN = Set.of("viewer", "editor", "billing-viewer");

    private final RoleRepository roles;

    public RoleAssignmentService(RoleRepository roles) {
        this.roles = roles;
    }

    public void assign(Actor actor, AssignRoleRequest request) {
        String role = request.role(); // near-miss: role-from-input
        if (!actor.isTenantAdmin(request.tenantId())) {
            throw new AccessDeniedException("Only tenant administrators can assign roles");
        }
        if (!DELEGABLE_BY_TENANT_ADMIN.contains(role) && !actor.heldRoles(request.tenantId()).contains(role)) {
            throw new AccessDeniedException("Role " + role + " cannot be delegated by this actor");
        }
        roles.assign(request.tenantId(), request.userId(), role); // near-miss: role-from-input
    }
}
