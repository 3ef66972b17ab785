package com.acme.intranet.servlet;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Login completion servlet for the intranet. Writes the session cookie with
 * all flags and remembers the chosen UI language.
 */
@WebServlet("/login/complete")
public class LocaleAndSessionServlet extends HttpServlet {

    private transient SessionRegistry registry;

    @Override
    public void init() {
        registry = (SessionRegistry) getServletContext().getAttribute("sessionRegistry");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String user = (String) req.getAttribute("authenticatedUser");
        if (user == null) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String sid = registry.create(user);
        Cookie session = new Cookie("INTRA_SID", sid); // near-miss: cookie-flags
        session.setHttpOnly(true);
        session.setSecure(true);
        session.setAttribute("SameSite", "Lax");
        session.setPath("/");
        resp.addCookie(session);

        String lang = req.getParameter("lang");
        if (lang != null && lang.matches("[a-z]{2}(-[A-Z]{2})?")) {
            Cookie locale = new Cookie("intra_lang", lang); // near-miss: cookie-flags
            locale.setPath("/");
            locale.setMaxAge(60 * 60 * 24 * 180);
            resp.addCookie(locale); // near-miss: cookie-flags
        }
        resp.sendRedirect(req.getContextPath() + "/home");
    }

    public interface SessionRegistry {
        String create(String user);
    }
}
