package com.example.gateway.auth;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Writes the access and refresh tokens issued by the gateway as cookies.
 */
@Component
public class TokenCookieWriter {

    private final String cookieDomain;

    public TokenCookieWriter(@Value("${gateway.cookie-domain}") String cookieDomain) {
        this.cookieDomain = cookieDomain;
    }

    public void writeAccessToken(HttpServletResponse response, String accessToken, Duration ttl) {
        ResponseCookie cookie = ResponseCookie.from("access_token", accessToken)
            .domain(cookieDomain)
            .path("/")
            .maxAge(ttl)
            .secure(true)
            .httpOnly(false) // flaw: cookie-flags
            .sameSite("Lax")
            .build();
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    public void writeRefreshToken(HttpServletResponse response, String refreshToken) {
        String header = "refresh_token=" + refreshToken + "; Path=/auth/refresh; Max-Age=1209600; HttpOnly"; // flaw: cookie-flags
        response.addHeader(HttpHeaders.SET_COOKIE, header);
    }
}
