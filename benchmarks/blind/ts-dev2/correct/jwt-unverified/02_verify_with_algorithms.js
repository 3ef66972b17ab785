"use strict";
const jwt = require("jsonwebtoken");
const fs = require("fs");

const publicKey = fs.readFileSync(process.env.JWT_PUBLIC_KEY_PATH, "utf8");

const verifyOptions = {
  algorithms: ["RS256"],
  audience: "admin-api",
  issuer: "https://auth.example.com",
};

function authenticate(req, res, next) {
  const header = req.headers.authorization || "";
  const [scheme, token] = header.split(" ");
  if (scheme !== "Bearer" || !token) return res.status(401).end();
  try {
    req.user = jwt.verify(token, publicKey, { ...verifyOptions }); // near-miss: jwt-unverified
    return next();
  } catch (err) {
    return res.status(401).json({ error: "invalid_token" });
  }
}

// Used by the support dashboard to show when a pasted token expires; grants nothing
function describeToken(token) {
  const decoded = jwt.decode(token, { complete: true }); // near-miss: jwt-unverified
  if (!decoded) return { valid: false };
  return {
    alg: decoded.header.alg,
    expiresAt: decoded.payload.exp ? new Date(decoded.payload.exp * 1000).toISOString() : null,
  };
}

module.exports = { authenticate, describeToken };
