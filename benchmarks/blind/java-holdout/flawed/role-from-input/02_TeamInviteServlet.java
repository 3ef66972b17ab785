package com.acme.workspace.servlet;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adds an existing user to the caller's team. Only team admins reach this
 * servlet (checked by the TeamAdminFilter mapped to /teams/*).
 */
@WebServlet("/teams/members/add")
public class TeamInviteServlet extends HttpServlet {

    private transient TeamService teams;

    @Override
    public void init() {
        teams = (TeamService) getServletContext().getAttribute("teamService");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String teamId = (String) req.getAttribute("teamId");
        String userEmail = req.getParameter("email");
        MemberGrant grant = MemberGrant.fromRequest(req);
        teams.addMember(teamId, userEmail, grant.role(), grant.scopes());
        resp.setStatus(HttpServletResponse.SC_CREATED);
    }

    record MemberGrant(String role, Set<String> scopes) {
        static MemberGrant fromRequest(HttpServletRequest req) {
            String role = req.getHeader("X-Member-Role"); // flaw: role-from-input
            String scopeParam = req.getParameter("scopes"); // flaw: role-from-input
            Set<String> scopes = scopeParam == null ? Set.of("team:read")
                    : Arrays.stream(scopeParam.split(",")).map(String::trim).collect(Collectors.toSet());
            return new MemberGrant(role == null ? "member" : role, scopes);
        }
    }

    public interface TeamService {
        void addMember(String teamId, String email, String role, Set<String> scopes);
    }
}
