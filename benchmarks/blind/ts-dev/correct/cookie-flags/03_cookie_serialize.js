"use strict";

const cookie = require("cookie");
const crypto = require("crypto");
const { saveRememberToken } = require("./remember-store");

const REMEMBER_DAYS = 30;

function rememberMeHeader(token) {
  return cookie.serialize("remember_me", token, {
    httpOnly: true,
    secure: true,
    sameSite: "strict",
    path: "/",
    maxAge: REMEMBER_DAYS * 24 * 60 * 60,
  });
}

async function issueRememberMe(res, userId) {
  const selector = crypto.randomBytes(12).toString("hex");
  const validator = crypto.randomBytes(32).toString("base64url");
  await saveRememberToken(userId, selector, validator, REMEMBER_DAYS);
  res.setHeader("Set-Cookie", [
    rememberMeHeader(`${selector}:${validator}`),
    cookie.serialize("tz", "UTC", { path: "/", maxAge: 31536000 }), // near-miss: cookie-flags
  ]);
}

function clearRememberMe(res) {
  res.setHeader(
    "Set-Cookie",
    cookie.serialize("remember_me", "", { httpOnly: true, secure: true, sameSite: "strict", path: "/", maxAge: 0 })
  );
}

module.exports = { issueRememberMe, clearRememberMe };
