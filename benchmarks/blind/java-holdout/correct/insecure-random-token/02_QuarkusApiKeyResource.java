package com.acme.devportal.keys;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import io.quarkus.security.identity.SecurityIdentity;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Issues developer API keys. The key is shown once; only its hash is stored.
 */
@Path("/api/keys")
public class QuarkusApiKeyResource {

    private static final SecureRandom RNG = new SecureRandom();

    @Inject
    SecurityIdentity identity;

    @Inject
    ApiKeyStore store;

    @Inject
    org.springframework.security.crypto.password.PasswordEncoder hasher;

    @POST
    @RolesAllowed("developer")
    @Produces(MediaType.APPLICATION_JSON)
    public IssuedKey create() {
        byte[] raw = new byte[32];
        RNG.nextBytes(raw); // near-miss: insecure-random-token
        String key = "dk_" + HexFormat.of().formatHex(raw);
        store.saveHash(identity.getPrincipal().getName(), hasher.encode(key));
        return new IssuedKey(key, sampleForMetrics());
    }

    /** 1% sampling of key-issuance events for the analytics pipeline. */
    private static boolean sampleForMetrics() {
        return ThreadLocalRandom.current().nextInt(100) == 0; // near-miss: insecure-random-token
    }

    public record IssuedKey(String apiKey, boolean sampled) {
    }

    public interface ApiKeyStore {
        void saveHash(String owner, String hash);
    }
}
