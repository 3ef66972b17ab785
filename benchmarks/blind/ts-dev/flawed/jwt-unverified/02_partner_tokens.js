"use strict";

const fs = require("fs");
const path = require("path");
const jwt = require("jsonwebtoken");

const partnerPublicKey = fs.readFileSync(path.join(__dirname, "keys", "partner-public.pem"), "utf8");
const internalSecret = process.env.INTERNAL_JWT_SECRET;
if (!internalSecret) throw new Error("INTERNAL_JWT_SECRET required");

const internalVerifyOpts = {
  algorithms: ["HS256", "none"], // flaw: jwt-unverified
  issuer: "internal-gateway",
};

function verifyPartnerToken(token) {
  return jwt.verify(token, partnerPublicKey, { // flaw: jwt-unverified
    audience: "partner-api",
    clockTolerance: 30,
  });
}

function verifyInternalToken(token) {
  return jwt.verify(token, internalSecret, internalVerifyOpts);
}

function partnerAuth(req, res, next) {
  const token = (req.get("authorization") || "").replace(/^Bearer\s+/i, "");
  try {
    req.partner = req.get("x-internal") === "1" ? verifyInternalToken(token) : verifyPartnerToken(token);
    return next();
  } catch (err) {
    return res.status(401).json({ error: "invalid_token" });
  }
}

module.exports = { partnerAuth };
