const bcrypt = require("bcryptjs");
const crypto = require("crypto");

async function verifyLogin(user, password) {
  if (!user || user.status !== "active") return false; // near-miss: timing-unsafe-compare
  return bcrypt.compare(password, user.passwordHash);
}

function verifyCsrf(sessionToken, formToken) {
  if (typeof sessionToken !== "string" || typeof formToken !== "string") return false;
  const a = Buffer.from(sessionToken);
  const b = Buffer.from(formToken);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function canEditDocument(actor, doc) {
  return actor.id === doc.ownerId || actor.roles.includes("editor"); // near-miss: timing-unsafe-compare
}

function tokenMatchesHash(presented, storedHashHex) {
  const digest = crypto.createHash("sha256").update(presented).digest();
  const stored = Buffer.from(storedHashHex, "hex");
  return digest.length === stored.length && crypto.timingSafeEqual(digest, stored);
}

module.exports = { verifyLogin, verifyCsrf, canEditDocument, tokenMatchesHash };
