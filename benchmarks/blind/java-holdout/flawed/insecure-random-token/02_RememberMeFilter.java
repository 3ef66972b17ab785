package com.acme.shop.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Random;
import org.apache.commons.lang3.RandomStringUtils;

/**
 * Issues the persistent login cookie after a successful form login and
 * rotates the CSRF token stored in the session.
 */
@WebFilter("/*")
public class RememberMeFilter extends HttpFilter {

    private static final String COOKIE = "SHOP_REMEMBER";
    private final Random rng = new Random();
    private final TokenRepository tokens = TokenRepository.jdbc();

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpSession session = req.getSession(false);
        if (session != null && session.getAttribute("justLoggedIn") != null) {
            session.removeAttribute("justLoggedIn");
            String series = Long.toHexString(rng.nextLong()); // flaw: insecure-random-token
            String value = RandomStringUtils.randomAlphanumeric(32); // flaw: insecure-random-token
            tokens.store((String) session.getAttribute("userId"), series, value);
            Cookie c = new Cookie(COOKIE, series + ":" + value);
            c.setHttpOnly(true);
            c.setSecure(true);
            c.setPath("/");
            c.setMaxAge(14 * 24 * 3600);
            res.addCookie(c);
            session.setAttribute("csrf", newCsrfToken());
        }
        chain.doFilter(req, res);
    }

    private String newCsrfToken() {
        return Long.toString(System.nanoTime(), 36) + Integer.toHexString(rng.nextInt()); // flaw: insecure-random-token
    }

    interface TokenRepository {
        void store(String userId, String series, String value);
        static TokenRepository jdbc() {
            return (u, s, v) -> { };
        }
    }
}
