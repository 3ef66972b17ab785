package com.example.iam.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import com.example.iam.changes.RoleChange;
import com.example.iam.changes.RoleChangeStore;

/**
 * Four-eyes approval for role changes requested through the IAM console.
 */
@Path("/role-changes")
public class RoleChangeApprovalResource {

    @Inject
    RoleChangeStore store;

    @POST
    @Path("/{id}/approve")
    @RolesAllowed("iam-approver")
    public Response approve(@PathParam("id") String id, @Context SecurityContext security) { // near-miss: self-approval
        RoleChange change = store.find(id).orElseThrow(NotFoundException::new);
        String approver = security.getUserPrincipal().getName();
        if (approver.equalsIgnoreCase(change.requestedBy()) || approver.equalsIgnoreCase(change.targetUser())) { // near-miss: timing-unsafe-compare
            throw new ForbiddenException("A second administrator must approve this change");
        }
        store.markApproved(id, approver);
        store.apply(change);
        return Response.noContent().build();
    }
}
