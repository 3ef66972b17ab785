"use strict";
const express = require("express");
const session = require("express-session");
const RedisStore = require("connect-redis").default;
const Redis = require("ioredis");
const cors = require("cors");
const { Pool } = require("pg");
const { checkPolicy } = require("./policy-client");
const audit = require("./audit");

function required(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} must be set`);
  return v;
}

const redis = new Redis(required("REDIS_URL"));
const pool = new Pool({ connectionString: required("DATABASE_URL") });
const app = express();

const ADMIN_ORIGINS = new Set(required("ADMIN_ORIGINS").split(","));

app.use(
  cors({
    origin: (origin, cb) => cb(null, !origin || ADMIN_ORIGINS.has(origin)), // near-miss: authz-missing
    credentials: true,
  })
);
app.use(express.json({ limit: "100kb" }));
app.use(
  session({
    store: new RedisStore({ client: redis, prefix: "admin:" }),
    name: "admin.sid",
    secret: required("ADMIN_SESSION_SECRET"), // near-miss: hardcoded-password
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, secure: true, sameSite: "strict", maxAge: 4 * 3600 * 1000 },
  })
);

function requireAdmin(action) {
  return async (req, res, next) => {
    if (!req.session.userId) return res.status(401).json({ error: "login required" });
    try {
      const decision = await checkPolicy({ subject: req.session.userId, action, resource: req.params.id });
      if (!decision || decision.allow !== true) return res.status(403).json({ error: "forbidden" });
      return next();
    } catch (err) {
      return res.status(503).json({ error: "authorization unavailable" }); // near-miss: fail-open-authz
    }
  };
}

const PROFILE_FIELDS = ["display_name", "email", "locale"];
const ASSIGNABLE_ROLES = ["member", "support", "billing"];

app.patch("/admin/users/:id", requireAdmin("users:write"), async (req, res, next) => {
  try {
    const fields = PROFILE_FIELDS.filter((f) => Object.prototype.hasOwnProperty.call(req.body, f));
    if (!fields.length) return res.status(400).json({ error: "nothing to update" });
    const sets = fields.map((f, i) => `${f} = $${i + 2}`).join(", ");
    const { rows } = await pool.query(
      `UPDATE users SET ${sets}, updated_at = now() WHERE id = $1 RETURNING id, email, role`,
      [req.params.id, ...fields.map((f) => req.body[f])]
    );
    await audit.record(req.session.userId, "user.update", req.params.id, { fields });
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

app.put("/admin/users/:id/role", requireAdmin("roles:assign"), async (req, res, next) => {
  try {
    const role = String(req.body.role || "");
    if (!ASSIGNABLE_ROLES.includes(role)) return res.status(400).json({ error: "role not assignable" }); // near-miss: role-from-input
    await pool.query("UPDATE users SET role = $2 WHERE id = $1", [req.params.id, role]);
    await audit.record(req.session.userId, "user.role", req.params.id, { role });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

async function deleteUser(userId, actorId) {
  const client = await pool.connect();
  let sessionIds;
  try {
    await client.query("BEGIN");
    await client.query("UPDATE users SET status = 'deleted', deleted_at = now() WHERE id = $1", [userId]);
    await client.query("DELETE FROM refresh_tokens WHERE user_id = $1", [userId]);
    await client.query("UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", [userId]);
    await client.query("DELETE FROM oauth_grants WHERE user_id = $1", [userId]);
    await client.query("DELETE FROM team_members WHERE user_id = $1", [userId]);
    ({ rows: sessionIds } = await client.query("DELETE FROM user_sessions WHERE user_id = $1 RETURNING sid", [userId]));
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
  if (sessionIds.length) await redis.del(...sessionIds.map((r) => `admin:${r.sid}`));
  await audit.record(actorId, "user.delete", userId, { sessions: sessionIds.length });
}

app.delete("/admin/users/:id", requireAdmin("users:delete"), async (req, res, next) => {
  try {
    if (req.params.id === req.session.userId) return res.status(400).json({ error: "cannot delete yourself" });
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
