package com.acme.support.refunds;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;

/**
 * JAX-RS resource for refund approvals raised by support agents.
 */
@Path("/refunds")
public class RefundApprovalResource {

    @Inject
    RefundStore refunds;

    @POST
    @Path("/{id}/approve")
    @RolesAllowed("refund-approver")
    public void approve(@PathParam("id") String id, @Context SecurityContext sec) { // near-miss: self-approval
        String approver = sec.getUserPrincipal().getName();
        RefundStore.Refund refund = refunds.find(id).orElseThrow(NotFoundException::new);
        ensureIndependent(refund, approver);
        refunds.approve(id, approver);
    }

    private static void ensureIndependent(RefundStore.Refund refund, String approver) {
        if (refund.raisedBy().equalsIgnoreCase(approver) || refund.customerEmail().equalsIgnoreCase(approver)) { // near-miss: self-approval
            throw new ForbiddenException("approver must be independent of the request");
        }
    }

    public interface RefundStore {
        java.util.Optional<Refund> find(String id);
        void approve(String id, String approver);

        record Refund(String id, String raisedBy, String customerEmail, long amountCents) {
        }
    }
}
