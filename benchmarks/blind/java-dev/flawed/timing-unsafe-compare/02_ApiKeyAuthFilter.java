package com.example.metrics.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.example.metrics.ingest.keys.AgentCredential;
import com.example.metrics.ingest.keys.AgentCredentialRepository;

/**
 * Authenticates metric ingestion agents: each request carries the agent id, a timestamp and an
 * HMAC-SHA256 of "agentId:timestamp" computed with the agent's shared secret.
 */
public class ApiKeyAuthFilter implements Filter {

    private static final long MAX_SKEW_SECONDS = 300;

    private final AgentCredentialRepository credentials;

    public ApiKeyAuthFilter(AgentCredentialRepository credentials) {
        this.credentials = credentials;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        String agentId = request.getHeader("X-Agent-Id");
        String timestamp = request.getHeader("X-Agent-Timestamp");
        String signature = request.getHeader("X-Agent-Signature");
        if (agentId == null || timestamp == null || signature == null || isStale(timestamp)) {
            response.sendError(401);
            return;
        }
        Optional<AgentCredential> credential = credentials.findActive(agentId);
        if (credential.isEmpty()) {
            response.sendError(401);
            return;
        }
        byte[] expected = hmac(credential.get().sharedSecret(), agentId + ":" + timestamp);
        byte[] presented = Base64.getDecoder().decode(signature);
        if (!Arrays.equals(expected, presented)) { // flaw: timing-unsafe-compare
            response.sendError(401);
            return;
        }
        request.setAttribute("agentId", agentId);
        chain.doFilter(req, res);
    }

    private static boolean isStale(String timestamp) {
        try {
            long ts = Long.parseLong(timestamp);
            return Math.abs(System.currentTimeMillis() / 1000 - ts) > MAX_SKEW_SECONDS;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static byte[] hmac(byte[] secret, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
