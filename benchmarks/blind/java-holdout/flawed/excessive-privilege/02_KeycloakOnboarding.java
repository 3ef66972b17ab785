package com.acme.tenants.onboarding;

import jakarta.ws.rs.core.Response;
import java.util.List;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

/**
 * Creates the first user of a newly onboarded tenant in Keycloak, plus an
 * integration client user the tenant's ERP uses.
 */
public class KeycloakOnboarding {

    private static final List<String> OWNER_ROLES = List.of("tenant-owner");
    private static final List<String> INTEGRATION_ROLES = List.of("realm-admin"); // flaw: excessive-privilege

    private final Keycloak keycloak;

    public KeycloakOnboarding(Keycloak keycloak) {
        this.keycloak = keycloak;
    }

    public String createOwner(String realm, String email) {
        return createWithRoles(realm, email, OWNER_ROLES);
    }

    public String createIntegrationUser(String realm, String tenantSlug) {
        return createWithRoles(realm, "erp-" + tenantSlug + "@integrations.acme.io", INTEGRATION_ROLES);
    }

    private String createWithRoles(String realm, String email, List<String> roleNames) {
        RealmResource r = keycloak.realm(realm);
        UserRepresentation u = new UserRepresentation();
        u.setUsername(email);
        u.setEmail(email);
        u.setEnabled(true);
        u.setRequiredActions(List.of("UPDATE_PASSWORD", "VERIFY_EMAIL"));
        try (Response resp = r.users().create(u)) {
            if (resp.getStatus() != 201) {
                throw new IllegalStateException("create user failed: " + resp.getStatus());
            }
            String id = resp.getLocation().getPath().replaceAll(".*/", "");
            List<RoleRepresentation> roles = roleNames.stream()
                    .map(n -> r.roles().get(n).toRepresentation())
                    .toList();
            r.users().get(id).roles().realmLevel().add(roles);
            return id;
        }
    }
}
