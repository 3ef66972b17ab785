"use strict";

const { MagicLink, User } = require("./models");
const { createSession } = require("./sessions");

async function redeemMagicLink(req, res) {
  const token = String(req.query.token || "");
  // atomically claim the link so it can only be used once
  const link = await MagicLink.findOneAndUpdate(
    { token, usedAt: null, expiresAt: { $gt: new Date() } },
    { $set: { usedAt: new Date() } },
    { new: true }
  );
  if (!link) {
    return res.status(400).send("This sign-in link is invalid or has expired.");
  }
  if (req.signedCookies.magic_email && req.signedCookies.magic_email !== link.email) {
    return res.status(400).send("Open the link in the browser where you requested it.");
  }
  const user = await User.findOne({ email: link.email });
  if (!user) return res.status(400).send("No account for this link.");
  await createSession(res, user.id);
  return res.redirect("/app");
}

module.exports = { redeemMagicLink };
