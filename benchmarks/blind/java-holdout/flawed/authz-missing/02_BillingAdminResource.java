package com.acme.billing.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admin operations on customer billing accounts (Quarkus / JAX-RS).
 */
@Path("/admin/billing")
public class BillingAdminResource {

    @Inject
    BillingAccounts accounts;

    @ConfigProperty(name = "billing.support-mode", defaultValue = "false")
    boolean supportMode;

    @PUT
    @Path("/{accountId}/plan/{plan}")
    @RolesAllowed("billing-admin")
    public Response changePlan(@PathParam("accountId") String accountId, @PathParam("plan") String plan) {
        accounts.changePlan(accountId, plan);
        return Response.noContent().build();
    }

    @POST
    @Path("/{accountId}/credit")
    public Response issueCredit(@PathParam("accountId") String accountId, long cents) { // flaw: authz-missing
        accounts.credit(accountId, cents);
        return Response.accepted().build();
    }

    @DELETE
    @Path("/{accountId}/payment-methods/{pmId}")
    public Response removePaymentMethod(@PathParam("accountId") String accountId, @PathParam("pmId") String pmId,
                                        @HeaderParam("X-Support-Override") String override,
                                        @Context SecurityContext sec) {
        boolean allowed = sec.isUserInRole("billing-admin")
                || (supportMode && override != null); // flaw: authz-missing
        if (!allowed) {
            return Response.status(Response.Status.FORBIDDEN).build();
        }
        accounts.removePaymentMethod(accountId, pmId);
        return Response.noContent().build();
    }

    public interface BillingAccounts {
        void changePlan(String id, String plan);
        void credit(String id, long cents);
        void removePaymentMethod(String id, String pmId);
    }
}
