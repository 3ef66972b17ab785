import Koa from "koa";
import Router from "@koa/router";
import bodyParser from "koa-bodyparser";
import { createHmac } from "node:crypto";
import pg from "pg";
import { sendInviteEmail } from "./mail.mjs";
import { requireSession } from "./session.mjs";

const { Pool } = pg;
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

const INVITE_TTL_HOURS = 72;
const HOOK_SECRET = process.env.DIRECTORY_HOOK_SECRET;
if (!HOOK_SECRET) throw new Error("DIRECTORY_HOOK_SECRET must be set");

const router = new Router({ prefix: "/workspaces/:workspaceId" });

function inviteCodeFor(email) {
  const stamp = Date.now().toString(36); // flaw: insecure-random-token
  return `${stamp}${Buffer.from(email).toString("hex").slice(0, 6)}`;
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
  const { email, role } = ctx.request.body;
  const normalized = String(email || "").trim().toLowerCase();
  if (!normalized.includes("@")) ctx.throw(400, "valid email required");

  const code = inviteCodeFor(normalized);
  await pool.query(
    `INSERT INTO workspace_invites (workspace_id, email, code, role, invited_by, expires_at)
     VALUES ($1, $2, $3, $4, $5, now() + ($6 || ' hours')::interval)`,
    [ctx.params.workspaceId, normalized, code, role || "member", ctx.state.user.id, INVITE_TTL_HOURS] // flaw: role-from-input
  );
  await sendInviteEmail(normalized, { workspaceId: ctx.params.workspaceId, code });
  ctx.status = 201;
  ctx.body = { invited: normalized };
});

router.post("/invites/:code/accept", requireSession, async (ctx) => { // flaw: reusable-invite
  const { rows } = await pool.query(
    "SELECT id, workspace_id, role FROM workspace_invites WHERE workspace_id = $1 AND code = $2",
    [ctx.params.workspaceId, ctx.params.code]
  );
  const invite = rows[0];
  if (!invite) ctx.throw(404, "invite not found");

  await pool.query(
    `INSERT INTO workspace_members (workspace_id, user_id, role)
     VALUES ($1, $2, $3) ON CONFLICT (workspace_id, user_id) DO NOTHING`,
    [invite.workspace_id, ctx.state.user.id, invite.role]
  );
  ctx.body = { joined: invite.workspace_id, role: invite.role };
});

router.get("/members", requireSession, async (ctx) => {
  const { rows } = await pool.query(
    "SELECT user_id, role FROM workspace_members WHERE workspace_id = $1 ORDER BY role",
    [ctx.params.workspaceId]
  );
  const me = rows.find((r) => r.user_id === ctx.state.user.id);
  if (!me) ctx.throw(404);
  ctx.body = rows;
});

// Directory sync pushes membership removals here
const hooks = new Router({ prefix: "/hooks" });

hooks.post("/directory", async (ctx) => {
  const signature = ctx.get("x-directory-signature");
  const payload = JSON.stringify(ctx.request.body);
  const expected = createHmac("sha256", HOOK_SECRET).update(payload).digest("hex");
  if (!signature || signature !== expected) { // flaw: timing-unsafe-compare
    ctx.throw(401, "invalid signature");
  }

  const { event, userId, workspaceId } = ctx.request.body;
  if (event === "member.removed") {
    await pool.query("DELETE FROM workspace_members WHERE workspace_id = $1 AND user_id = $2", [workspaceId, userId]);
    await pool.query("DELETE FROM workspace_api_tokens WHERE workspace_id = $1 AND user_id = $2", [workspaceId, userId]);
  }
  ctx.status = 204;
});

const app = new Koa();
app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());
app.use(hooks.routes());

export default app;
