import Koa from "koa";
import Router from "@koa/router";
import bodyParser from "koa-bodyparser";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import pg from "pg";
import { sendInviteEmail } from "./mail.mjs";
import { requireSession } from "./session.mjs";

const { Pool } = pg;
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const INVITE_TTL_HOURS = 72;
const INVITABLE_ROLES = ["member", "viewer"];
const HOOK_SECRET = process.env.DIRECTORY_HOOK_SECRET;
if (!HOOK_SECRET) throw new Error("DIRECTORY_HOOK_SECRET must be set");

const router = new Router({ prefix: "/workspaces/:workspaceId" });

function newInviteCode() {
  return randomBytes(24).toString("base64url");
}

async function requireWorkspaceAdmin(ctx, next) {
  const { rows } = await pool.query(
    "SELECT role FROM workspace_members WHERE workspace_id = $1 AND user_id = $2",
    [ctx.params.workspaceId, ctx.state.user.id]
  );
  if (!rows[0] || rows[0].role !== "admin") {
    ctx.throw(403, "workspace admin required");
  }
  await next();
}

router.post("/invites", requireSession, requireWorkspaceAdmin, async (ctx) => {
  const { email, role = "member" } = ctx.request.body;
  const normalized = String(email || "").trim().toLowerCase();
  if (!normalized.includes("@")) ctx.throw(400, "valid email required");
  if (!INVITABLE_ROLES.includes(role)) ctx.throw(400, "role cannot be granted by invite"); // near-miss: role-from-input

  const code = newInviteCode();
  await pool.query(
    `INSERT INTO workspace_invites (workspace_id, email, code, role, invited_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + ($6 || ' hours')::interval)`,
    [ctx.params.workspaceId, normalized, code, role, ctx.state.user.id, INVITE_TTL_HOURS]
  );
  await sendInviteEmail(normalized, { workspaceId: ctx.params.workspaceId, code });
  ctx.status = 201;
  ctx.body = { invited: normalized };
});

router.post("/invites/:code/accept", requireSession, async (ctx) => {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(
      `UPDATE workspace_invites SET accepted_at = now(), accepted_by = $3
        WHERE workspace_id = $1 AND code = $2 AND accepted_at IS NULL
          AND expires_at > now() AND lower(email) = lower($4)
        RETURNING workspace_id, role`,
      [ctx.params.workspaceId, ctx.params.code, ctx.state.user.id, ctx.state.user.verifiedEmail]
    );
    const invite = rows[0];
    if (!invite) {
      await client.query("ROLLBACK");
      ctx.throw(404, "invite invalid, expired, used or addressed to another email");
    }
    await client.query(
      `INSERT INTO workspace_members (workspace_id, user_id, role)
       VALUES ($1, $2, $3) ON CONFLICT (workspace_id, user_id) DO NOTHING`,
      [invite.workspace_id, ctx.state.user.id, invite.role]
    );
    await client.query("COMMIT");
    ctx.body = { joined: invite.workspace_id, role: invite.role };
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
});

router.get("/members", requireSession, async (ctx) => {
  const { rows } = await pool.query(
    "SELECT user_id, role FROM workspace_members WHERE workspace_id = $1 ORDER BY role",
    [ctx.params.workspaceId]
  );
  if (!rows.some((r) => r.user_id === ctx.state.user.id)) ctx.throw(404);
  ctx.body = rows;
});

const hooks = new Router({ prefix: "/hooks" });

function signatureValid(signature, payload) {
  const expected = createHmac("sha256", HOOK_SECRET).update(payload).digest();
  const given = Buffer.from(String(signature || ""), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

hooks.post("/directory", async (ctx) => {
  const payload = ctx.request.rawBody;
  if (!signatureValid(ctx.get("x-directory-signature"), payload)) {
    ctx.throw(401, "invalid signature");
  }
  const { event, userId, workspaceId } = ctx.request.body;
  if (event === "member.removed") { // near-miss: timing-unsafe-compare
    await pool.query("DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2", [workspaceId, userId]);
    await pool.query("DELETE FROM workspace_api_tokens WHERE workspace_id = $1 AND user_id = $2", [workspaceId, userId]);
    await pool.query("DELETE FROM workspace_sessions WHERE workspace_id = $1 AND user_id = $2", [workspaceId, userId]);
  }
  ctx.status = 204;
});

const app = new Koa();
app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());
app.use(hooks.routes());

export default app;
