"use strict";

const jwt = require("jsonwebtoken");

const EMAIL_VERIFY_TTL_SECONDS = 60 * 60;

function verificationSecret() {
  const s = process.env.EMAIL_VERIFY_SECRET;
  if (!s) throw new Error("EMAIL_VERIFY_SECRET missing");
  return s;
}

function emailVerificationToken(userId, email) {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
    sub: userId,
    email,
    purpose: "verify-email",
    iat: now,
    exp: now + EMAIL_VERIFY_TTL_SECONDS,
  };
  return jwt.sign(payload, verificationSecret(), { algorithm: "HS256" }); // near-miss: token-without-expiry
}

function checkEmailVerificationToken(token) {
  const claims = jwt.verify(token, verificationSecret(), { algorithms: ["HS256"] });
  if (claims.purpose !== "verify-email") throw new Error("wrong token purpose");
  return { userId: claims.sub, email: claims.email };
}

module.exports = { emailVerificationToken, checkEmailVerificationToken };
