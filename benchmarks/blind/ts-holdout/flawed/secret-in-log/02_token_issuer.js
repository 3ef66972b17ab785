const crypto = require("crypto");
const argon2 = require("argon2");
const { PersonalToken } = require("../models");

async function createPersonalToken(user, name, scopes) {
  const secret = crypto.randomBytes(32).toString("base64url");
  const token = `pt_${user.id}_${secret}`;
  const row = await PersonalToken.create({
    userId: user.id,
    name,
    scopes,
    secretHash: await argon2.hash(secret),
    expiresAt: new Date(Date.now() + 90 * 24 * 3600 * 1000),
  });
  console.log(`[tokens] issued ${token} for user=${user.id} name=${name}`); // flaw: secret-in-log
  return { id: row.id, token };
}

async function listPersonalTokens(user) {
  const rows = await PersonalToken.findAll({ where: { userId: user.id }, attributes: ["id", "name", "scopes", "expiresAt"] });
  return rows.map((r) => r.toJSON());
}

async function revokePersonalToken(user, tokenId) {
  const count = await PersonalToken.destroy({ where: { id: tokenId, userId: user.id } });
  if (!count) throw Object.assign(new Error("token not found"), { status: 404 });
}

module.exports = { createPersonalToken, listPersonalTokens, revokePersonalToken };
