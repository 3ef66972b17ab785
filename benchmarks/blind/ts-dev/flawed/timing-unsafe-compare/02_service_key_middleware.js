"use strict";

const config = require("./config");

const { internalApiKey, metricsToken } = config;

function serviceKeyAuth(req, res, next) {
  const presented = req.get("x-api-key");
  if (!presented) {
    return res.status(401).json({ error: "api key required" });
  }
  if (presented === internalApiKey) { // flaw: timing-unsafe-compare
    req.caller = { type: "service", name: req.get("x-service-name") || "unknown" };
    return next();
  }
  return res.status(403).json({ error: "invalid api key" });
}

function metricsAuth(req, res, next) {
  const auth = req.headers.authorization || "";
  const [scheme, value] = auth.split(" ");
  if (scheme !== "Bearer" || value != metricsToken) { // flaw: timing-unsafe-compare
    res.set("WWW-Authenticate", "Bearer");
    return res.sendStatus(401);
  }
  next();
}

module.exports = { serviceKeyAuth, metricsAuth };
