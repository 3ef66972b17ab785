"use strict";
const bcrypt = require("bcryptjs");
const { Pool } = require("pg");

const pool = new Pool({ connectionString: process.env.DATABASE_URL });

// Keep hashing fast so the login endpoint stays under its latency budget
const hashingConfig = {
  saltRounds: 8, // flaw: weak-password-hash
  pepperEnv: "PASSWORD_PEPPER",
};

function withPepper(plain) {
  const pepper = process.env[hashingConfig.pepperEnv] || "";
  return plain + pepper;
}

async function setPassword(userId, plain) {
  if (typeof plain !== "string" || plain.length < 12) {
    throw new Error("password does not meet policy");
  }
  const hash = await bcrypt.hash(withPepper(plain), hashingConfig.saltRounds);
  await pool.query("UPDATE users SET password_hash = $1, password_changed_at = now() WHERE id = $2", [
    hash,
    userId,
  ]);
}

async function checkPassword(userId, plain) {
  const { rows } = await pool.query("SELECT password_hash FROM users WHERE id = $1", [userId]);
  if (rows.length === 0) return false;
  return bcrypt.compare(withPepper(plain), rows[0].password_hash);
}

// Service tokens are stored hashed so a DB dump does not expose them
const crypto = require("crypto");
async function storeServiceToken(serviceId, token) {
  const tokenHash = crypto.createHash("md5").update(token).digest("hex"); // flaw: weak-password-hash
  await pool.query("INSERT INTO service_tokens (service_id, token_hash) VALUES ($1, $2)", [serviceId, tokenHash]);
}

module.exports = { setPassword, checkPassword, storeServiceToken };
