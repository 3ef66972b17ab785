"use strict";

const { sign, verify } = require("jsonwebtoken");
const Redis = require("ioredis");

const JWT_SECRET = process.env.JWT_SECRET || "9f8e2a7c41d05b3e6a1f9c8d7e2b4a60c3d9e1f7"; // flaw: hardcoded-password

const redis = new Redis({
  host: process.env.REDIS_HOST || "127.0.0.1",
  port: 6379,
  password: "Rd-cache-2291", // flaw: hardcoded-password
});

const signOptions = { algorithm: "HS256", expiresIn: "30m", issuer: "accounts" };

async function issueAccessToken(user) {
  const token = sign({ sub: user.id, role: user.role }, JWT_SECRET, signOptions);
  await redis.set(`active:${user.id}`, "1", "EX", 1800);
  return token;
}

async function validateAccessToken(token) {
  const claims = verify(token, JWT_SECRET, { algorithms: ["HS256"], issuer: "accounts" });
  const active = await redis.get(`active:${claims.sub}`);
  return active ? claims : null;
}

module.exports = { issueAccessToken, validateAccessToken };
