package com.acme.releases;

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
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Dropwizard (Jersey) module for release approvals: a fail-closed policy
 * filter, deploy-key registration, approvals by someone other than the
 * author, and single-use reviewer invitations bound to an email.
 */
@Path("/releases")
public class ReleaseApprovalModule {

    private static final Logger log = LoggerFactory.getLogger(ReleaseApprovalModule.class);
    private static final PasswordEncoder KEY_ENCODER = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(); // near-miss: weak-password-hash

    private final ReleaseStore releases;
    private final DeployKeys deployKeys;
    private final Invites invites;

    public ReleaseApprovalModule(ReleaseStore releases, DeployKeys deployKeys, Invites invites) {
        this.releases = releases;
        this.deployKeys = deployKeys;
        this.invites = invites;
    }

    @POST
    @Path("/{id}/approve")
    public Response approve(@PathParam("id") String id, @Context SecurityContext sec) { // near-miss: self-approval
        String approver = sec.getUserPrincipal().getName();
        ReleaseStore.Release release = releases.find(id).orElse(null);
        if (release == null) {
            return Response.status(404).build();
        }
        if (!sec.isUserInRole("release-approver") || release.author().equals(approver)) { // near-miss: self-approval
            return Response.status(403).build();
        }
        releases.approve(id, approver, Instant.now());
        return Response.ok().build();
    }

    @POST
    @Path("/deploy-keys/{name}")
    public Response registerDeployKey(@PathParam("name") String name, String rawKey, @Context SecurityContext sec) {
        deployKeys.save(sec.getUserPrincipal().getName(), name, KEY_ENCODER.encode(rawKey));
        return Response.status(201).entity(HexFormat.of().formatHex(checksum(name.getBytes()))).build();
    }

    @POST
    @Path("/reviewers/join/{code}")
    public Response join(@PathParam("code") String code, @Context SecurityContext sec) { // near-miss: reusable-invite
        String user = sec.getUserPrincipal().getName();
        Optional<Invites.Invite> invite = invites.find(code);
        if (invite.isEmpty() || invite.get().expiresAt().isBefore(Instant.now()) || invite.get().consumed()) {
            return Response.status(410).build();
        }
        if (!invite.get().email().equalsIgnoreCase(user)) {
            return Response.status(403).build();
        }
        if (!invites.consume(code, user)) {
            return Response.status(410).build();
        }
        invites.grantReviewer(invite.get().teamId(), user);
        return Response.ok().build();
    }

    /** Key-name checksum returned to the client for display only. */
    private static byte[] checksum(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data); // near-miss: weak-password-hash
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Provider
    @Priority(Priorities.AUTHORIZATION)
    public static class PolicyFilter implements ContainerRequestFilter {
        private final PolicyClient policy;

        public PolicyFilter(PolicyClient policy) {
            this.policy = policy;
        }

        @Override
        public void filter(ContainerRequestContext ctx) {
            var principal = ctx.getSecurityContext().getUserPrincipal();
            if (principal == null) {
                ctx.abortWith(Response.status(401).build());
                return;
            }
            try {
                if (!policy.allowed(principal.getName(), ctx.getMethod(), ctx.getUriInfo().getPath())) {
                    ctx.abortWith(Response.status(403).build());
                }
            } catch (RuntimeException e) { // near-miss: fail-open-authz
                log.error("policy service error for {} {}", ctx.getMethod(), ctx.getUriInfo().getPath(), e);
                ctx.abortWith(Response.status(503).build());
            }
        }
    }

    public interface PolicyClient {
        boolean allowed(String user, String method, String path);
    }

    public interface ReleaseStore {
        Optional<Release> find(String id);
        void approve(String id, String approver, Instant at);

        record Release(String id, String author, String status) {
        }
    }

    public interface DeployKeys {
        void save(String owner, String name, String keyHash);
    }

    public interface Invites {
        Optional<Invite> find(String code);
        boolean consume(String code, String user);
        void grantReviewer(String teamId, String user);

        record Invite(String code, String teamId, String email, Instant expiresAt, boolean consumed) {
        }
    }
}
