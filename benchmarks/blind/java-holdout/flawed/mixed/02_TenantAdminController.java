package com.acme.tenancy.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenant administration API (Micronaut). Tenant admins manage their users
 * and the service accounts their integrations use.
 */
@Controller("/tenants/{tenantId}")
@Secured("TENANT_ADMIN")
public class TenantAdminController {

    private static final Logger log = LoggerFactory.getLogger(TenantAdminController.class);

    private final TenantUsers users;
    private final ServiceAccounts serviceAccounts;
    private final CredentialStore credentials;

    public TenantAdminController(TenantUsers users, ServiceAccounts serviceAccounts, CredentialStore credentials) {
        this.users = users;
        this.serviceAccounts = serviceAccounts;
        this.credentials = credentials;
    }

    @Post("/users")
    public HttpResponse<String> createUser(@PathVariable String tenantId, @Body NewUser body,
                                           Authentication actor) {
        String id = users.create(tenantId, body.email(), body.displayName(), body.roles()); // flaw: role-from-input
        log.info("user {} created in {} by {}", id, tenantId, actor.getName());
        return HttpResponse.created(id);
    }

    @Post("/service-accounts")
    public HttpResponse<ServiceAccounts.Issued> createServiceAccount(@PathVariable String tenantId,
                                                                     @Body NewServiceAccount body) {
        ServiceAccounts.Issued issued = serviceAccounts.create(tenantId, body.name(), Defaults.scopesFor(body));
        return HttpResponse.created(issued);
    }

    @Put("/users/{userId}/suspend")
    public HttpResponse<Void> suspend(@PathVariable String tenantId, @PathVariable String userId) {
        users.setEnabled(tenantId, userId, false);
        credentials.revokeSessions(userId);
        credentials.revokeRefreshTokens(userId);
        credentials.revokeApiKeys(userId);
        return HttpResponse.noContent();
    }

    @Delete("/users/{userId}")
    public HttpResponse<Void> remove(@PathVariable String tenantId, @PathVariable String userId) { // flaw: incomplete-deprovisioning
        users.removeFromTenant(tenantId, userId);
        credentials.revokeSessions(userId);
        return HttpResponse.noContent();
    }

    /** Support tooling: resets any user's MFA. */
    @Post("/support/users/{userId}/mfa-reset")
    @Secured("isAnonymous()") // flaw: authz-missing
    public HttpResponse<Void> resetMfa(@PathVariable String tenantId, @PathVariable String userId) {
        credentials.resetMfa(userId);
        return HttpResponse.accepted();
    }

    static final class Defaults {
        private Defaults() {
        }

        static Set<String> scopesFor(NewServiceAccount body) {
            if (body.scopes() == null || body.scopes().isEmpty()) {
                return Set.of("tenant:*"); // flaw: excessive-privilege
            }
            return Set.copyOf(body.scopes()); // flaw: role-from-input
        }
    }

    public record NewUser(String email, String displayName, List<String> roles) {
    }

    public record NewServiceAccount(String name, List<String> scopes) {
    }

    public interface TenantUsers {
        String create(String tenantId, String email, String displayName, List<String> roles);
        void setEnabled(String tenantId, String userId, boolean enabled);
        void removeFromTenant(String tenantId, String userId);
    }

    public interface ServiceAccounts {
        Issued create(String tenantId, String name, Set<String> scopes);

        record Issued(String clientId, String clientSecret, Set<String> scopes) {
        }
    }

    public interface CredentialStore {
        void revokeSessions(String userId);
        void revokeRefreshTokens(String userId);
        void revokeApiKeys(String userId);
        void resetMfa(String userId);
    }
}
