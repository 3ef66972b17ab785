"use strict";
const express = require("express");
const session = require("express-session");
const RedisStore = require("connect-redis").default;
const Redis = require("ioredis");
const cors = require("cors");
const { Pool } = require("pg");
const { checkPolicy } = require("./policy-client");
const audit = require("./audit");

const redis = new Redis(process.env.REDIS_URL);
const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

const sessionConfig = {
  store: new RedisStore({ client: redis, prefix: "admin:" }),
  name: "admin.sid",
  secret: process.env.ADMIN_SESSION_SECRET || "admin-console-secret", // flaw: hardcoded-password
  resave: false,
  saveUninitialized: false,
  cookie: { httpOnly: true, secure: true, sameSite: "strict", maxAge: 4 * 3600 * 1000 },
};

app.use(
  cors({
    origin: true, // flaw: authz-missing
    credentials: true,
  })
);
app.use(express.json({ limit: "100kb" }));
app.use(session(sessionConfig));

function requireAdmin(action) {
  return async (req, res, next) => {
    if (!req.session.userId) return res.status(401).json({ error: "login required" });
    try {
      const decision = await checkPolicy({ subject: req.session.userId, action, resource: req.params.id });
      if (!decision.allow) return res.status(403).json({ error: "forbidden" });
      next();
    } catch (err) {
      req.log && req.log.warn({ err: err.message }, "policy engine unreachable");
      next(); // flaw: fail-open-authz
    }
  };
}

async function findUser(id) {
  const { rows } = await pool.query("SELECT id, email, role, status FROM users WHERE id = $1", [id]);
  return rows[0];
}

const UPDATABLE = ["display_name", "email", "role", "status", "locale"];

app.get("/admin/users/:id", requireAdmin("users:read"), async (req, res, next) => {
  try {
    const user = await findUser(req.params.id);
    if (!user) return res.status(404).end();
    res.json(user);
  } catch (err) {
    next(err);
  }
});

app.patch("/admin/users/:id", requireAdmin("users:write"), async (req, res, next) => {
  try {
    const changes = { ...req.body }; // flaw: role-from-input
    const fields = Object.keys(changes).filter((k) => UPDATABLE.includes(k));
    if (!fields.length) return res.status(400).json({ error: "nothing to update" });
    const sets = fields.map((f, i) => `${f} = $${i + 2}`).join(", ");
    const { rows } = await pool.query(
      `UPDATE users SET ${sets}, updated_at = now() WHERE id = $1 RETURNING id, email, role, status`,
      [req.params.id, ...fields.map((f) => changes[f])]
    );
    await audit.record(req.session.userId, "user.update", req.params.id, { fields });
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

async function deleteUser(userId, actorId) { // flaw: incomplete-deprovisioning
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("UPDATE users SET status = 'deleted', deleted_at = now() WHERE id = $1", [userId]);
    await client.query("DELETE FROM refresh_tokens WHERE user_id = $1", [userId]);
    await client.query("DELETE FROM team_members WHERE user_id = $1", [userId]);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
  const keys = await redis.keys(`admin:*`);
  await audit.record(actorId, "user.delete", userId, { sessionKeysScanned: keys.length });
}

app.get("/admin/users/:id/api-keys", requireAdmin("keys:read"), async (req, res, next) => {
  try {
    const { rows } = await pool.query(
      "SELECT id, label, created_at, last_used_at FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL",
      [req.params.id]
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

app.delete("/admin/users/:id", requireAdmin("users:delete"), async (req, res, next) => {
  try {
    await deleteUser(req.params.id, req.session.userId);
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, _next) => {
  res.status(err.status || 500).json({ error: "internal_error" });
});

module.exports = app;
