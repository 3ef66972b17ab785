package com.example.platform.provisioning;

import java.util.List;

import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;

import jakarta.ws.rs.core.Response;

/**
 * Creates Keycloak users for new tenant integrations.
 */
public class ServiceAccountProvisioner {

    private static final String DEFAULT_ROLE = "realm-admin";

    private final Keycloak keycloak;
    private final String realm;

    public ServiceAccountProvisioner(Keycloak keycloak, String realm) {
        this.keycloak = keycloak;
        this.realm = realm;
    }

    public String createIntegrationUser(String tenantSlug, char[] initialPassword) {
        RealmResource realmResource = keycloak.realm(realm);
        UserRepresentation user = new UserRepresentation();
        user.setUsername("svc-" + tenantSlug);
        user.setEnabled(true);

        CredentialRepresentation credential = new CredentialRepresentation();
        credential.setType(CredentialRepresentation.PASSWORD);
        credential.setTemporary(false);
        credential.setValue(new String(initialPassword));
        user.setCredentials(List.of(credential));

        try (Response response = realmResource.users().create(user)) {
            String location = response.getLocation().getPath();
            String userId = location.substring(location.lastIndexOf('/') + 1);
            RoleRepresentation role = realmResource.roles().get(DEFAULT_ROLE).toRepresentation();
            realmResource.users().get(userId).roles().realmLevel().add(List.of(role)); // flaw: excessive-privilege
            return userId;
        }
    }
}
