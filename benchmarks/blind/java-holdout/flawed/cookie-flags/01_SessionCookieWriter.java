package com.acme.billing.web.auth;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Central place where the billing UI writes and clears its session cookie.
 * Controllers call {@link #write} after the login flow completes.
 */
@Component
public class SessionCookieWriter {

    private final String cookieName;
    private final String domain;
    private final Duration maxAge;

    public SessionCookieWriter(@Value("${billing.session.cookie:BILLSESS}") String cookieName,
                               @Value("${billing.session.domain:billing.acme.io}") String domain,
                               @Value("${billing.session.max-age:PT8H}") Duration maxAge) {
        this.cookieName = cookieName;
        this.domain = domain;
        this.maxAge = maxAge;
    }

    public void write(HttpServletResponse response, String sessionId) {
        response.addCookie(build(sessionId, (int) maxAge.getSeconds()));
    }

    public void clear(HttpServletResponse response) {
        response.addCookie(build("", 0));
    }

    private Cookie build(String value, int ageSeconds) {
        Cookie cookie = new Cookie(cookieName, value); // flaw: cookie-flags
        cookie.setDomain(domain);
        cookie.setPath("/");
        cookie.setMaxAge(ageSeconds);
        cookie.setHttpOnly(true);
        return cookie;
    }

    /** Non-auth preference cookie for the invoice table density. */
    public void writeDensity(HttpServletResponse response, String density) {
        Cookie pref = new Cookie("inv_density", density);
        pref.setPath("/invoices");
        response.addCookie(pref);
    }
}
