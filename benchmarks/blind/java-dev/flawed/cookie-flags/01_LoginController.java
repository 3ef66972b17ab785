package com.example.crm.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import com.example.crm.auth.AuthService;
import com.example.crm.auth.LoginRequest;
import com.example.crm.auth.SessionToken;

/**
 * Form-based login for the CRM single page app; the session token travels in a cookie.
 */
@RestController
public class LoginController {

    private static final String SESSION_COOKIE = "CRM_SESSION";

    private final AuthService authService;

    public LoginController(AuthService authService) {
        this.authService = authService;
    }

    @PostMapping("/api/login")
    public ResponseEntity<Void> login(@RequestBody LoginRequest body, HttpServletResponse response) {
        SessionToken token = authService.authenticate(body.username(), body.password());
        Cookie cookie = new Cookie(SESSION_COOKIE, token.value()); // flaw: cookie-flags
        cookie.setPath("/");
        cookie.setMaxAge((int) token.ttl().toSeconds());
        response.addCookie(cookie);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/api/logout")
    public ResponseEntity<Void> logout(HttpServletResponse response) {
        Cookie cookie = new Cookie(SESSION_COOKIE, "");
        cookie.setPath("/");
        cookie.setMaxAge(0);
        response.addCookie(cookie);
        return ResponseEntity.noContent().build();
    }
}
