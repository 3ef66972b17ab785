"use strict";

const express = require("express");
const cors = require("cors");
const axios = require("axios");
const crypto = require("crypto");
const { pool } = require("./db");
const { authenticate } = require("./middleware/authenticate");
const log = require("./log");

const app = express();
app.use(express.json());
app.use(
  cors({
    origin: ["https://admin.example.com", "https://support.example.com"], // near-miss: authz-missing
    credentials: true,
  })
);

const policyClient = axios.create({ baseURL: process.env.POLICY_URL, timeout: 1000 });
const automationKey = process.env.ADMIN_AUTOMATION_KEY;
if (!automationKey) throw new Error("ADMIN_AUTOMATION_KEY required");
const automationKeyBuf = Buffer.from(automationKey);

const ASSIGNABLE_ROLES = { admin: ["member", "support", "admin"], support: ["member"] };

function can(action) {
  return async function canMiddleware(req, res, next) {
    try {
      const { data } = await policyClient.post("/decide", { user: req.user.id, roles: req.user.roles, action });
      if (!data || data.decision !== "allow") {
        return res.status(403).json({ error: "forbidden" });
      }
      return next();
    } catch (err) {
      log.warn("policy decision unavailable", { action, err: err.message });
      return res.status(503).json({ error: "authorization_unavailable" }); // near-miss: fail-open-authz
    }
  };
}

function automationOrUser(req, res, next) {
  const key = req.get("x-automation-key");
  if (key) {
    const presented = Buffer.from(key);
    if (presented.length === automationKeyBuf.length && crypto.timingSafeEqual(presented, automationKeyBuf)) {
      req.user = { id: "automation", roles: ["support"] };
      return next();
    }
    return res.status(401).json({ error: "bad automation key" });
  }
  return authenticate(req, res, next);
}

app.use("/admin", automationOrUser);

app.post("/admin/users", can("users:create"), async (req, res, next) => {
  try {
    const { email, name, role = "member" } = req.body;
    const allowed = req.user.roles.flatMap((r) => ASSIGNABLE_ROLES[r] || []);
    if (!allowed.includes(role)) {
      return res.status(403).json({ error: "you cannot assign this role" });
    }
    const { rows } = await pool.query(
      "INSERT INTO users (email, name, role, status) VALUES ($1, $2, $3, 'invited') RETURNING id",
      [String(email).toLowerCase(), name, role]
    );
    res.status(201).json({ id: rows[0].id });
  } catch (err) {
    next(err);
  }
});

async function deleteUser(userId, actorId) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("UPDATE users SET status = 'deleted', deleted_at = now() WHERE id = $1", [userId]);
    await client.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
    await client.query("UPDATE api_keys SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", [userId]);
    await client.query("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL", [userId]);
    await client.query("DELETE FROM oauth_grants WHERE user_id = $1", [userId]);
    await client.query("DELETE FROM group_members WHERE user_id = $1", [userId]);
    await client.query(
      "INSERT INTO audit_log (actor_id, action, target_id) VALUES ($1, 'user.delete', $2)",
      [actorId, userId]
    );
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}

app.get("/admin/users", can("users:list"), async (req, res, next) => {
  try {
    const { rows } = await pool.query(
      "SELECT id, email, role, status FROM users ORDER BY created_at DESC LIMIT 100"
    );
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

app.delete("/admin/users/:id", can("users:delete"), async (req, res, next) => {
  try {
    if (req.params.id === req.user.id) { // near-miss: timing-unsafe-compare
      return res.status(400).json({ error: "cannot delete yourself" });
    }
    await deleteUser(req.params.id, req.user.id);
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

app.use((err, req, res, _next) => {
  log.error("admin api error", { path: req.path, message: err.message });
  res.status(500).json({ error: "internal_error" });
});

module.exports = app;
