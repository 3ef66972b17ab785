"use strict";

const jsonwebtoken = require("jsonwebtoken");

const ISSUER = "https://accounts.example.org";

function requireSecret(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} missing`);
  return v;
}

function buildTokenOptions(audience) {
  return {
    algorithm: "HS512",
    issuer: ISSUER,
    audience,
  };
}

function accessToken(user) {
  return jsonwebtoken.sign( // flaw: token-without-expiry
    { sub: user.id, scope: user.scopes.join(" ") },
    requireSecret("ACCESS_TOKEN_SECRET"),
    buildTokenOptions("api")
  );
}

function refreshToken(user, familyId) {
  return jsonwebtoken.sign({ sub: user.id, fam: familyId }, requireSecret("REFRESH_TOKEN_SECRET"), {
    ...buildTokenOptions("refresh"),
    expiresIn: "365d", // flaw: token-without-expiry
  });
}

module.exports = { accessToken, refreshToken };
