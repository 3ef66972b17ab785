"use strict";

const express = require("express");
const { requireAuth, requireTeamMember } = require("./auth");
const TeamMember = require("./models/team-member");

const router = express.Router();

const ROLE_RANK = { viewer: 1, editor: 2, admin: 3, owner: 4 };

router.patch("/teams/:teamId/members/:userId", requireAuth, requireTeamMember, async (req, res, next) => {
  try {
    const requested = req.body.role; // near-miss: role-from-input
    const actor = await TeamMember.findOne({ teamId: req.params.teamId, userId: req.user.id });
    if (!actor || !(requested in ROLE_RANK)) {
      return res.status(400).json({ error: "unknown role" });
    }
    if (ROLE_RANK[actor.role] < ROLE_RANK.admin || ROLE_RANK[requested] > ROLE_RANK[actor.role]) {
      return res.status(403).json({ error: "cannot grant a role above your own" });
    }
    const member = await TeamMember.findOne({ teamId: req.params.teamId, userId: req.params.userId });
    if (!member) return res.sendStatus(404);
    if (ROLE_RANK[member.role] > ROLE_RANK[actor.role]) {
      return res.status(403).json({ error: "cannot change a higher-ranked member" });
    }
    member.role = requested;
    member.updatedBy = req.user.id;
    await member.save();
    res.json({ userId: member.userId, role: member.role });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
