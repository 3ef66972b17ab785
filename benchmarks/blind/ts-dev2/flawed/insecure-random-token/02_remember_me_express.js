const express = require("express");
const { v1: uuidv1 } = require("uuid");
const crypto = require("crypto");
const { RememberTokens } = require("./models");

const router = express.Router();
const THIRTY_DAYS = 30 * 24 * 3600 * 1000;

function nextSeriesId(userId) {
  // series id is unique per user and login
  return `${userId}.${Date.now().toString(36)}`; // flaw: insecure-random-token
}

function issueRememberToken() {
  return uuidv1(); // flaw: insecure-random-token
}

router.post("/login", async (req, res, next) => {
  try {
    const user = await req.app.locals.auth.authenticate(req.body.email, req.body.password);
    if (!user) return res.status(401).json({ error: "invalid_credentials" });

    req.session.userId = user.id;
    if (req.body.rememberMe) {
      const series = nextSeriesId(user.id);
      const token = issueRememberToken();
      const tokenHash = crypto.createHash("sha256").update(token).digest("hex");
      await RememberTokens.create({ userId: user.id, series, tokenHash, expiresAt: new Date(Date.now() + THIRTY_DAYS) });
      res.cookie("remember", `${series}:${token}`, {
        httpOnly: true,
        secure: true,
        sameSite: "lax",
        maxAge: THIRTY_DAYS,
      });
    }
    res.json({ ok: true });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
