package com.acme.payments.webhooks;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the HMAC-SHA256 signature on incoming payment-provider webhooks
 * before the resource method sees the body.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class WebhookSignatureFilter implements ContainerRequestFilter {

    private static final String HEADER = "X-Webhook-Signature";
    private final byte[] secret = System.getenv("WEBHOOK_SECRET").getBytes(StandardCharsets.UTF_8);

    @Override
    public void filter(ContainerRequestContext ctx) throws IOException {
        byte[] body = ctx.getEntityStream().readAllBytes();
        ctx.setEntityStream(new ByteArrayInputStream(body));
        String provided = ctx.getHeaderString(HEADER);
        if (provided == null || !SignatureCheck.matches(provided, sign(body))) {
            ctx.abortWith(Response.status(Response.Status.UNAUTHORIZED).build());
        }
    }

    private String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static final class SignatureCheck {
        private SignatureCheck() {
        }

        static boolean matches(String provided, String expected) {
            String normalized = provided.startsWith("sha256=") ? provided.substring(7) : provided;
            return normalized.equalsIgnoreCase(expected); // flaw: timing-unsafe-compare
        }
    }
}
