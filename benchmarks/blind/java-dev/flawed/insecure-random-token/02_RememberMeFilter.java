package com.example.shop.web;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.example.shop.auth.RememberMeStore;

/**
 * Issues a long-lived remember-me cookie once a user has logged in.
 */
@Component
public class RememberMeFilter extends OncePerRequestFilter {

    static final String COOKIE_NAME = "SHOP_REMEMBER";

    private final RememberMeStore store;

    public RememberMeFilter(RememberMeStore store) {
        this.store = store;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                    FilterChain chain) throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.isAuthenticated() && !hasCookie(request)) {
            String series = newSeriesId();
            store.save(series, auth.getName());
            Cookie cookie = new Cookie(COOKIE_NAME, series);
            cookie.setHttpOnly(true);
            cookie.setSecure(true);
            cookie.setPath("/");
            cookie.setMaxAge(14 * 24 * 3600);
            response.addCookie(cookie);
        }
        chain.doFilter(request, response);
    }

    private static String newSeriesId() {
        long high = ThreadLocalRandom.current().nextLong(); // flaw: insecure-random-token
        long low = System.nanoTime(); // flaw: insecure-random-token
        return Long.toHexString(high) + Long.toHexString(low);
    }

    private static boolean hasCookie(HttpServletRequest request) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return false;
        }
        for (Cookie c : cookies) {
            if (COOKIE_NAME.equals(c.getName())) {
                return true;
            }
        }
        return false;
    }
}
