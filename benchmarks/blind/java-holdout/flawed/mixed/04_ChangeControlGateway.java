package com.acme.changecontrol;

import jakarta.annotation.Priority;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dropwizard (Jersey) module for the change-control service: an
 * authorization filter backed by the policy service, deploy-key
 * registration, change approvals and reviewer invitations.
 */
@Path("/changes")
public class ChangeControlGateway {

    private static final Logger log = LoggerFactory.getLogger(ChangeControlGateway.class);

    private final ChangeStore changes;
    private final DeployKeyStore deployKeys;
    private final ReviewerInvites invites;

    public ChangeControlGateway(ChangeStore changes, DeployKeyStore deployKeys, ReviewerInvites invites) {
        this.changes = changes;
        this.deployKeys = deployKeys;
        this.invites = invites;
    }

    @POST
    @Path("/{id}/approve")
    public Response approve(@PathParam("id") String id, @Context SecurityContext sec) { // flaw: self-approval
        ChangeStore.Change change = changes.find(id).orElse(null);
        if (change == null) {
            return Response.status(404).build();
        }
        if (!sec.isUserInRole("change-approver")) {
            return Response.status(403).build();
        }
        changes.approve(id, sec.getUserPrincipal().getName(), Instant.now());
        return Response.ok().build();
    }

    @POST
    @Path("/deploy-keys/{name}")
    public Response registerDeployKey(@PathParam("name") String name, String rawKey, @Context SecurityContext sec) {
        deployKeys.save(sec.getUserPrincipal().getName(), name, KeyHashing.digest(rawKey));
        return Response.status(201).build();
    }

    @POST
    @Path("/reviewers/join/{code}")
    public Response joinAsReviewer(@PathParam("code") String code, @Context SecurityContext sec) { // flaw: reusable-invite
        Optional<ReviewerInvites.Invite> invite = invites.find(code);
        if (invite.isEmpty() || invite.get().expiresAt().isBefore(Instant.now())) {
            return Response.status(410).build();
        }
        if (!invite.get().email().equalsIgnoreCase(sec.getUserPrincipal().getName())) {
            return Response.status(403).build();
        }
        invites.grantReviewer(invite.get().teamId(), sec.getUserPrincipal().getName());
        return Response.ok().build();
    }

    static final class KeyHashing {
        private KeyHashing() {
        }

        static String digest(String rawKey) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-1"); // flaw: weak-password-hash
                return HexFormat.of().formatHex(md.digest(rawKey.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Asks the policy service whether the caller may use the change API. */
    @Provider
    @Priority(Priorities.AUTHORIZATION)
    public static class PolicyFilter implements ContainerRequestFilter {
        private final PolicyClient policy;

        public PolicyFilter(PolicyClient policy) {
            this.policy = policy;
        }

        @Override
        public void filter(ContainerRequestContext ctx) {
            String user = ctx.getSecurityContext().getUserPrincipal() == null
                    ? null : ctx.getSecurityContext().getUserPrincipal().getName();
            if (user == null) {
                ctx.abortWith(Response.status(401).build());
                return;
            }
            try {
                if (!policy.allowed(user, ctx.getMethod(), ctx.getUriInfo().getPath())) {
                    ctx.abortWith(Response.status(403).build());
                }
            } catch (RuntimeException e) { // flaw: fail-open-authz
                log.error("policy service error for {} {}", ctx.getMethod(), ctx.getUriInfo().getPath(), e);
            }
        }
    }

    public interface PolicyClient {
        boolean allowed(String user, String method, String path);
    }

    public interface ChangeStore {
        Optional<Change> find(String id);
        void approve(String id, String approver, Instant at);

        record Change(String id, String author, String status) {
        }
    }

    public interface DeployKeyStore {
        void save(String owner, String name, String keyHash);
    }

    public interface ReviewerInvites {
        Optional<Invite> find(String code);
        void grantReviewer(String teamId, String user);
        boolean consume(String code);

        record Invite(String code, String teamId, String email, Instant expiresAt) {
        }
    }
}
