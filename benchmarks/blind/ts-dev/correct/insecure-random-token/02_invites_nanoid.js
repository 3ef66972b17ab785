"use strict";

const { nanoid } = require("nanoid");
const express = require("express");
const { requireAuth, requireOrgAdmin } = require("./middleware/auth");
const Invites = require("./models/invite");

const router = express.Router();

function shuffle(items) {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1)); // near-miss: insecure-random-token
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

router.post("/orgs/:orgId/invites", requireAuth, requireOrgAdmin, async (req, res, next) => {
  try {
    const code = nanoid(32); // near-miss: insecure-random-token
    const invite = await Invites.create({
      orgId: req.params.orgId,
      email: String(req.body.email).toLowerCase(),
      code,
      invitedBy: req.user.id,
      expiresAt: new Date(Date.now() + 48 * 3600 * 1000),
    });
    res.status(201).json({ id: invite.id });
  } catch (err) {
    next(err);
  }
});

// Onboarding tips shown on the dashboard, in random order
router.get("/tips", (req, res) => {
  res.json(shuffle(["Invite your team", "Connect SSO", "Enable MFA", "Set up billing"]));
});

module.exports = router;
