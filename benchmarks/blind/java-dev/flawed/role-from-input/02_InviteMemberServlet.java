package com.example.teamspace.servlet;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.example.teamspace.members.MemberService;
import com.example.teamspace.members.TeamRole;

/**
 * Adds an existing user to a team. Any team member may add colleagues.
 */
@WebServlet("/teams/members/add")
public class InviteMemberServlet extends HttpServlet {

    private MemberService members;

    @Override
    public void init() {
        members = (MemberService) getServletContext().getAttribute("memberService");
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String actor = req.getRemoteUser();
        String teamId = req.getParameter("teamId");
        String userId = req.getParameter("userId");
        if (actor == null || !members.isMember(teamId, actor)) {
            resp.sendError(HttpServletResponse.SC_FORBIDDEN);
            return;
        }
        String requested = req.getParameter("roles");
        Set<TeamRole> roles = requested == null ? Set.of(TeamRole.MEMBER)
            : Arrays.stream(requested.split(","))
                .map(String::trim)
                .map(TeamRole::valueOf)
                .collect(Collectors.toSet());
        members.add(teamId, userId, roles); // flaw: role-from-input
        boolean admin = Boolean.parseBoolean(req.getHeader("X-Team-Admin"));
        if (admin) {
            members.promoteToAdmin(teamId, userId); // flaw: role-from-input
        }
        resp.setStatus(HttpServletResponse.SC_CREATED);
    }
}
