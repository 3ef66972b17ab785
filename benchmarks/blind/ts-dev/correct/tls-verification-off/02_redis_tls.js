"use strict";

const Redis = require("ioredis");
const fs = require("fs");
const tls = require("tls");

const host = process.env.REDIS_HOST;
const password = process.env.REDIS_PASSWORD;
if (!host || !password) {
  throw new Error("REDIS_HOST and REDIS_PASSWORD are required");
}

const tlsOptions = {
  servername: host,
  ca: fs.readFileSync(process.env.REDIS_CA_PATH || "/etc/redis/ca.crt"),
  checkServerIdentity: (hostname, cert) => tls.checkServerIdentity(hostname, cert), // near-miss: tls-verification-off
};

const sessionRedis = new Redis({
  host,
  port: 6380,
  password,
  tls: tlsOptions,
  keyPrefix: "sess:",
  maxRetriesPerRequest: 2,
});

async function loadSession(id) {
  const raw = await sessionRedis.get(id);
  return raw ? JSON.parse(raw) : null;
}

module.exports = { sessionRedis, loadSession };
