package com.example.docs.web;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Stores UI preferences (theme and locale) so the docs site renders correctly for anonymous readers.
 */
@WebServlet("/preferences")
public class PreferencesServlet extends HttpServlet {

    private static final Set<String> THEMES = Set.of("light", "dark", "high-contrast");
    private static final int ONE_YEAR = 365 * 24 * 3600;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String theme = req.getParameter("theme");
        String locale = req.getParameter("locale");

        if (theme != null && THEMES.contains(theme)) {
            Cookie themeCookie = new Cookie("docs_theme", theme); // near-miss: cookie-flags
            themeCookie.setPath("/");
            themeCookie.setMaxAge(ONE_YEAR);
            resp.addCookie(themeCookie);
        }
        if (locale != null && locale.matches("[a-z]{2}(-[A-Z]{2})?")) {
            Cookie localeCookie = new Cookie("docs_locale", locale); // near-miss: cookie-flags
            localeCookie.setPath("/");
            localeCookie.setHttpOnly(false); // near-miss: cookie-flags
            localeCookie.setMaxAge(ONE_YEAR);
            resp.addCookie(localeCookie);
        }
        resp.sendRedirect(req.getContextPath() + "/");
    }
}
