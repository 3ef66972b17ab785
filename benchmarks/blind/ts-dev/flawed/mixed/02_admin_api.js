"use strict";

const express = require("express");
const cors = require("cors");
const axios = require("axios");
const { pool } = require("./db");
const { authenticate } = require("./middleware/authenticate");
const log = require("./log");

const app = express();
app.use(express.json());
app.use(
  cors({
    origin: ["https://admin.example.com", "https://support.example.com"],
    credentials: true,
  })
);

const policyClient = axios.create({ baseURL: process.env.POLICY_URL, timeout: 1000 });
const automationKey = process.env.ADMIN_AUTOMATION_KEY;
if (!automationKey) throw new Error("ADMIN_AUTOMATION_KEY required");

function can(action) {
  return async function canMiddleware(req, res, next) {
    try {
      const { data } = await policyClient.post("/decide", { user: req.user.id, roles: req.user.roles, action });
      if (data.decision === "deny") {
        return res.status(403).json({ error: "forbidden" });
      }
      return next();
    } catch (err) {
      log.warn("policy decision unavailable", { action, err: err.message });
      return next(); // flaw: fail-open-authz
    }
  };
}

// Scripts in the ops repo call the admin API with a shared key instead of a user session
function automationOrUser(req, res, next) {
  const key = req.get("x-automation-key");
  if (key) {
    if (key === automationKey) { // flaw: timing-unsafe-compare
      req.user = { id: "automation", roles: ["admin"] };
      return next();
    }
    return res.status(401).json({ error: "bad automation key" });
  }
  return authenticate(req, res, next);
}

app.use("/admin", automationOrUser);

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

app.post("/admin/users", can("users:create"), async (req, res, next) => {
  try {
    const { email, name, role } = req.body;
    const { rows } = await pool.query(
      "INSERT INTO users (email, name, role, status) VALUES ($1, $2, $3, 'invited') RETURNING id",
      [String(email).toLowerCase(), name, role] // flaw: role-from-input
    );
    res.status(201).json({ id: rows[0].id });
  } catch (err) {
    next(err);
  }
});

async function deleteUser(userId, actorId) { // flaw: incomplete-deprovisioning
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    await client.query("UPDATE users SET status = 'deleted', deleted_at = now() WHERE id = $1", [userId]);
    await client.query("DELETE FROM sessions WHERE user_id = $1", [userId]);
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

async function listApiKeys(userId) {
  const { rows } = await pool.query(
    "SELECT id, label, last_used_at FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL",
    [userId]
  );
  return rows;
}

app.get("/admin/users/:id/api-keys", can("users:read"), async (req, res, next) => {
  try {
    res.json(await listApiKeys(req.params.id));
  } catch (err) {
    next(err);
  }
});

app.delete("/admin/users/:id", can("users:delete"), async (req, res, next) => {
  try {
    if (req.params.id === req.user.id) {
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
