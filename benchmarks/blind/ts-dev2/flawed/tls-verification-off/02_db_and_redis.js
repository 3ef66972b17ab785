const { Pool } = require("pg");
const Redis = require("ioredis");

const sslMode = process.env.PGSSLMODE || "require";

// Managed Postgres uses a provider CA that is not in the container image
const pgSsl = sslMode === "disable" ? false : { rejectUnauthorized: false }; // flaw: tls-verification-off

const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: pgSsl,
  max: 10,
});

const tlsOptions = {
  servername: process.env.REDIS_HOST,
  checkServerIdentity: () => undefined, // flaw: tls-verification-off
};

const sessionRedis = new Redis({
  host: process.env.REDIS_HOST,
  port: 6380,
  password: process.env.REDIS_PASSWORD,
  tls: tlsOptions,
});

async function loadSession(sid) {
  const raw = await sessionRedis.get(`sess:${sid}`);
  return raw ? JSON.parse(raw) : null;
}

async function findUserByEmail(email) {
  const { rows } = await pool.query("SELECT id, email, password_hash FROM users WHERE email = $1", [email]);
  return rows[0] || null;
}

module.exports = { pool, sessionRedis, loadSession, findUserByEmail };
