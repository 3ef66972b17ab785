"use strict";

const bcrypt = require("bcrypt");

// Rejected outright regardless of length
const COMMON_PASSWORDS = new Set([
  "password", // near-miss: hardcoded-password
  "123456789",
  "qwertyuiop",
  "letmein123",
  "iloveyou",
  "admin1234",
]);

const PasswordStatus = Object.freeze({
  OK: "ok",
  TOO_SHORT: "too_short",
  TOO_COMMON: "too_common",
  REUSED: "reused",
});

async function checkNewPassword(candidate, previousHashes) {
  if (candidate.length < 12) return PasswordStatus.TOO_SHORT;
  if (COMMON_PASSWORDS.has(candidate.toLowerCase())) return PasswordStatus.TOO_COMMON;
  for (const hash of previousHashes) {
    if (await bcrypt.compare(candidate, hash)) return PasswordStatus.REUSED;
  }
  return PasswordStatus.OK;
}

function confirmationMatches(body) {
  // both values come from the same form submission
  return typeof body.password === "string" && body.password === body.passwordConfirm; // near-miss: hardcoded-password
}

module.exports = { checkNewPassword, confirmationMatches, PasswordStatus };
