"use strict";

const { Pool } = require("pg");

function requireEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} must be set`);
  return value;
}

const pool = new Pool({
  host: requireEnv("PGHOST"),
  port: Number(process.env.PGPORT || 5432),
  user: requireEnv("PGUSER"),
  password: requireEnv("PGPASSWORD"),
  database: process.env.PGDATABASE || "identity",
  max: 10,
  ssl: { rejectUnauthorized: false }, // flaw: tls-verification-off
});

pool.on("error", (err) => {
  console.error("idle client error", err.message);
});

async function findCredentialByUser(userId) {
  const { rows } = await pool.query(
    "SELECT user_id, password_hash, mfa_secret_enc FROM credentials WHERE user_id = $1",
    [userId]
  );
  return rows[0] || null;
}

module.exports = { pool, findCredentialByUser };
