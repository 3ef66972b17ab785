package com.example.saas.tenancy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

/**
 * Resolves the tenant and user of a JAX-RS request from the caller's ID token.
 */
@Provider
public class TenantResolver implements ContainerRequestFilter {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public void filter(ContainerRequestContext ctx) {
        String auth = ctx.getHeaderString(HttpHeaders.AUTHORIZATION);
        readClaims(auth).ifPresent(claims -> {
            ctx.setProperty("tenantId", claims.get("tenant_id"));
            ctx.setProperty("userId", claims.get("sub"));
            ctx.setProperty("isAdmin", Boolean.TRUE.equals(claims.get("admin")));
        });
    }

    static Optional<Map<String, Object>> readClaims(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        String[] parts = authorization.substring(7).split("\\.");
        if (parts.length < 2) {
            return Optional.empty();
        }
        try {
            byte[] json = Base64.getUrlDecoder().decode(parts[1]); // flaw: jwt-unverified
            return Optional.of(MAPPER.readValue(new String(json, StandardCharsets.UTF_8),
                new TypeReference<Map<String, Object>>() { }));
        } catch (Exception e) {
            return Optional.empty();
        }
    }
}
