"use strict";

const crypto = require("crypto");

const expectedKey = process.env.INTERNAL_API_KEY;
if (!expectedKey) throw new Error("INTERNAL_API_KEY missing");
const expectedBuf = Buffer.from(expectedKey, "utf8");

function constantTimeMatch(presented) {
  const buf = Buffer.from(presented, "utf8");
  if (buf.length !== expectedBuf.length) return false;
  return crypto.timingSafeEqual(buf, expectedBuf);
}

function serviceKeyAuth(req, res, next) {
  const presented = req.get("x-api-key") || "";
  if (!constantTimeMatch(presented)) {
    return res.status(401).json({ error: "invalid api key" });
  }
  next();
}

function ownerOnly(req, res, next) {
  if (req.user && req.user.id === req.params.userId) { // near-miss: timing-unsafe-compare
    return next();
  }
  return res.status(403).end();
}

module.exports = { serviceKeyAuth, ownerOnly };
