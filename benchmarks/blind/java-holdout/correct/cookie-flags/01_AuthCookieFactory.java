package com.acme.crm.security;

import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Builds the CRM's session cookie with ResponseCookie; the theme cookie is a
 * display preference readable by the front end.
 */
@RestController
public class AuthCookieFactory {

    private static final String SESSION_COOKIE = "CRM_SID";

    private final SessionService sessions;

    public AuthCookieFactory(SessionService sessions) {
        this.sessions = sessions;
    }

    @PostMapping("/session/refresh")
    public ResponseEntity<Void> refresh(@RequestParam("sid") String sid) {
        String rotated = sessions.rotate(sid);
        ResponseCookie cookie = ResponseCookie.from(SESSION_COOKIE, rotated) // near-miss: cookie-flags
                .httpOnly(true)
                .secure(true)
                .sameSite("Strict")
                .path("/")
                .maxAge(Duration.ofHours(8))
                .build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie.toString()).build();
    }

    @PostMapping("/prefs/theme")
    public ResponseEntity<Void> theme(@RequestParam("value") String theme) {
        ResponseCookie pref = ResponseCookie.from("crm_theme", theme) // near-miss: cookie-flags
                .httpOnly(false) // near-miss: cookie-flags
                .path("/")
                .maxAge(Duration.ofDays(365)) // near-miss: token-without-expiry
                .build();
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, pref.toString()).build();
    }

    public interface SessionService {
        String rotate(String sid);
    }
}
