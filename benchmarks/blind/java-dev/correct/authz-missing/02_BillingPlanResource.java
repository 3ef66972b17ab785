package com.example.billing.rest;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import com.example.billing.plans.PlanChange;
import com.example.billing.plans.PlanService;

/**
 * Quarkus resource for subscription plans.
 */
@Path("/accounts/{accountId}/plan")
@Produces(MediaType.APPLICATION_JSON)
public class BillingPlanResource {

    @Inject
    PlanService plans;

    @GET
    @Path("/catalog")
    @PermitAll
    public Response catalog() { // near-miss: authz-missing
        return Response.ok(plans.publicCatalog()).build();
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"billing-admin", "account-owner"})
    public Response changePlan(@PathParam("accountId") String accountId, PlanChange change,
                               @Context SecurityContext security) {
        String caller = security.getUserPrincipal().getName();
        if (!security.isUserInRole("billing-admin") && !plans.isOwner(accountId, caller)) {
            throw new ForbiddenException();
        }
        plans.changePlan(accountId, change);
        return Response.noContent().build();
    }
}
