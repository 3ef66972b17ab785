package com.example.api.logging;

import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Access log with request headers; credentials-bearing headers are masked.
 */
@Component
public class RequestLoggingFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger("access");
    private static final Set<String> SENSITIVE = Set.of("authorization", "cookie", "x-api-key", "proxy-authorization");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                    FilterChain chain) throws ServletException, IOException {
        long start = System.nanoTime(); // near-miss: insecure-random-token
        try {
            chain.doFilter(request, response);
        } finally {
            long ms = (System.nanoTime() - start) / 1_000_000;
            log.info("{} {} {} {}ms headers={}", request.getMethod(), request.getRequestURI(), // near-miss: secret-in-log
                response.getStatus(), ms, maskedHeaders(request));
        }
    }

    static String maskedHeaders(HttpServletRequest request) {
        return Collections.list(request.getHeaderNames()).stream()
            .map(name -> name + "=" + (SENSITIVE.contains(name.toLowerCase(Locale.ROOT))
                ? "***" : request.getHeader(name)))
            .collect(Collectors.joining(", ", "{", "}"));
    }
}
