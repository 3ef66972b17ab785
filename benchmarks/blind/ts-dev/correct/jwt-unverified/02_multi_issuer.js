"use strict";

const jwt = require("jsonwebtoken");
const jwksClient = require("jwks-rsa");

const TRUSTED_ISSUERS = {
  "https://login.partner-a.example": jwksClient({ jwksUri: "https://login.partner-a.example/.well-known/jwks.json", cache: true }),
  "https://sso.partner-b.example": jwksClient({ jwksUri: "https://sso.partner-b.example/keys", cache: true }),
};

async function verifyFederatedToken(token) {
  // decode only to pick the issuer's key set; claims are trusted after verify()
  const unverified = jwt.decode(token, { complete: true }); // near-miss: jwt-unverified
  if (!unverified || typeof unverified.payload === "string") throw new Error("malformed token");
  const client = TRUSTED_ISSUERS[unverified.payload.iss];
  if (!client || !unverified.header.kid) throw new Error("untrusted issuer");

  const signingKey = await client.getSigningKey(unverified.header.kid);
  return jwt.verify(token, signingKey.getPublicKey(), {
    algorithms: ["RS256"],
    issuer: unverified.payload.iss,
    audience: "workspace-api",
  });
}

async function federatedAuth(req, res, next) {
  try {
    const token = (req.headers.authorization || "").replace(/^Bearer /, "");
    req.identity = await verifyFederatedToken(token);
    next();
  } catch (err) {
    res.status(401).json({ error: "unauthorized" });
  }
}

module.exports = { federatedAuth, verifyFederatedToken };
