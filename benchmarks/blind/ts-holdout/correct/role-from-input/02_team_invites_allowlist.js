const express = require("express");
const { User } = require("../models/user");
const { requireAuth, requireTeamManager } = require("../middleware/auth");

const router = express.Router();

// roles each manager level is allowed to hand out
const GRANTABLE = {
  owner: ["member", "manager", "billing"],
  manager: ["member"],
};

router.post("/teams/:teamId/users", requireAuth, requireTeamManager, async (req, res, next) => {
  try {
    const { email, displayName } = req.body;
    const requested = req.body.role || "member";
    const allowed = GRANTABLE[req.membership.role] || [];
    if (!allowed.includes(requested)) { // near-miss: role-from-input
      return res.status(403).json({ error: "cannot grant role", role: requested });
    }
    const user = await User.create({
      email: String(email).trim().toLowerCase(),
      displayName,
      role: requested,
      teamId: req.params.teamId,
      invitedBy: req.user.id,
      status: "invited",
    });
    res.status(201).json({ id: user.id });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
