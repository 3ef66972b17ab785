const express = require("express");
const { User } = require("../models/user");
const { requireAuth, requireTeamManager } = require("../middleware/auth");

const router = express.Router();

function normalizeEmail(e) {
  return String(e || "").trim().toLowerCase();
}

router.post("/teams/:teamId/users", requireAuth, requireTeamManager, async (req, res, next) => {
  try {
    const email = normalizeEmail(req.body.email);
    if (!email) return res.status(400).json({ error: "email required" });
    const existing = await User.findOne({ email });
    if (existing) return res.status(409).json({ error: "exists" });

    const user = await User.create({
      ...req.body, // flaw: role-from-input
      email,
      teamId: req.params.teamId,
      invitedBy: req.user.id,
      status: "invited",
    });
    res.status(201).json({ id: user.id, email: user.email });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
