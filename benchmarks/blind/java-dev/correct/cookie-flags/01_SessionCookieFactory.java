package com.example.helpdesk.session;

import java.time.Duration;

import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

/**
 * Builds the helpdesk session cookie and the matching logout cookie.
 */
@Component
public class SessionCookieFactory {

    public static final String NAME = "HD_SESSION";
    private static final Duration SESSION_TTL = Duration.ofHours(8);

    public ResponseCookie sessionCookie(String sessionId) {
        return ResponseCookie.from(NAME, sessionId) // near-miss: cookie-flags
            .httpOnly(true)
            .secure(true)
            .sameSite("Strict")
            .path("/")
            .maxAge(SESSION_TTL)
            .build();
    }

    public ResponseCookie clearCookie() {
        return ResponseCookie.from(NAME, "")
            .httpOnly(true)
            .secure(true)
            .sameSite("Strict")
            .path("/")
            .maxAge(Duration.ZERO)
            .build();
    }
}
