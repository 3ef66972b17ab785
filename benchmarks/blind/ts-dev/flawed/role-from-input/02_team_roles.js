"use strict";

const express = require("express");
const { requireAuth, requireTeamMember } = require("./auth");
const TeamMember = require("./models/team-member");

const router = express.Router();

const VALID_ROLES = ["viewer", "editor", "admin", "owner"];

router.patch("/teams/:teamId/members/:userId", requireAuth, requireTeamMember, async (req, res, next) => {
  try {
    const { role } = req.body;
    if (!VALID_ROLES.includes(role)) {
      return res.status(400).json({ error: "unknown role" });
    }
    const member = await TeamMember.findOne({ teamId: req.params.teamId, userId: req.params.userId });
    if (!member) return res.sendStatus(404);

    member.role = role; // flaw: role-from-input
    member.updatedBy = req.user.id;
    await member.save();
    res.json({ userId: member.userId, role: member.role });
  } catch (err) {
    next(err);
  }
});

router.get("/me/permissions", requireAuth, (req, res) => {
  const scopes = String(req.headers["x-requested-scopes"] || "").split(",").filter(Boolean);
  req.session.grantedScopes = scopes; // flaw: role-from-input
  res.json({ scopes });
});

module.exports = router;
