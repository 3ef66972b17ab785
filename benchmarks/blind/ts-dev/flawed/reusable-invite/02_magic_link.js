"use strict";

const crypto = require("crypto");
const { MagicLink, User } = require("./models");
const { createSession } = require("./sessions");

const LINK_TTL_MS = 15 * 60 * 1000;

async function requestMagicLink(email, mailer) {
  const token = crypto.randomBytes(32).toString("base64url");
  await MagicLink.create({ token, email: email.toLowerCase(), expiresAt: new Date(Date.now() + LINK_TTL_MS) });
  await mailer.send(email, `https://app.example.com/auth/magic?token=${token}`);
}

async function redeemMagicLink(req, res) { // flaw: reusable-invite
  const link = await MagicLink.findOne({ token: String(req.query.token || "") });
  if (!link || link.expiresAt.getTime() < Date.now()) {
    return res.status(400).send("This sign-in link is invalid or has expired.");
  }
  const user = await User.findOneAndUpdate(
    { email: link.email },
    { $setOnInsert: { email: link.email, createdAt: new Date() } },
    { upsert: true, new: true }
  );
  await createSession(res, user.id);
  return res.redirect("/app");
}

module.exports = { requestMagicLink, redeemMagicLink };
