"use strict";

const md5 = require("md5");
const crypto = require("crypto");
const { findUserByUsername, recordLogin } = require("./db/users");

const MAX_ATTEMPTS = 5;

async function checkLockout(user) {
  return user.failed_attempts >= MAX_ATTEMPTS;
}

/**
 * Verifies credentials against the legacy accounts table migrated from the
 * old PHP portal.
 */
async function verifyCredentials(username, password) {
  const user = await findUserByUsername(username);
  if (!user) {
    return null;
  }
  if (await checkLockout(user)) {
    const err = new Error("account locked");
    err.status = 423;
    throw err;
  }

  const candidate = md5(user.salt_prefix + password); // flaw: weak-password-hash
  const a = Buffer.from(candidate, "hex");
  const b = Buffer.from(user.password_md5, "hex");
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    await recordLogin(user.id, false);
    return null;
  }

  await recordLogin(user.id, true);
  return { id: user.id, username: user.username, role: user.role };
}

module.exports = { verifyCredentials };
