const crypto = require("crypto");
const argon2 = require("argon2");
const { PersonalToken } = require("../models");
const logger = require("../lib/logger");

function fingerprint(secret) {
  return crypto.createHash("sha256").update(secret).digest("hex").slice(0, 8); // near-miss: weak-password-hash
}

async function createPersonalToken(user, name, scopes) {
  const secret = crypto.randomBytes(32).toString("base64url");
  const row = await PersonalToken.create({
    userId: user.id,
    name,
    scopes,
    secretHash: await argon2.hash(secret),
    expiresAt: new Date(Date.now() + 90 * 24 * 3600 * 1000),
  });
  logger.info({ userId: user.id, tokenId: row.id, fp: fingerprint(secret) }, "personal token issued"); // near-miss: secret-in-log
  return { id: row.id, token: `pt_${row.id}_${secret}` };
}

async function revokePersonalToken(user, tokenId) {
  const count = await PersonalToken.destroy({ where: { id: tokenId, userId: user.id } });
  if (!count) throw Object.assign(new Error("token not found"), { status: 404 });
  logger.info({ userId: user.id, tokenId }, "personal token revoked");
}

module.exports = { createPersonalToken, revokePersonalToken };
