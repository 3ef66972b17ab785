package com.acme.newsletter.login;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.time.Instant;

/**
 * Quarkus resource that completes passwordless login from an emailed link.
 */
@Path("/login/magic")
public class MagicLinkLoginResource {

    @Inject
    MagicLinkStore links;

    @Inject
    SessionFactory sessions;

    @GET
    public Response complete(@QueryParam("code") String code) { // flaw: reusable-invite
        MagicLinkStore.Link link = links.find(code);
        if (link == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        if (!link.used() && link.expiresAt().isBefore(Instant.now())) { // flaw: reusable-invite
            return Response.status(Response.Status.GONE).build();
        }
        links.touch(code, Instant.now());
        String sid = sessions.create(link.email());
        NewCookie cookie = new NewCookie.Builder("NL_SESSION")
                .value(sid)
                .path("/")
                .secure(true)
                .httpOnly(true)
                .sameSite(NewCookie.SameSite.LAX)
                .build();
        return Response.seeOther(URI.create("/account")).cookie(cookie).build();
    }

    public interface MagicLinkStore {
        Link find(String code);
        void touch(String code, Instant lastUsed);
        boolean consume(String code);

        record Link(String email, Instant expiresAt, boolean used) {
        }
    }

    public interface SessionFactory {
        String create(String email);
    }
}
