import Koa from "koa";
import Router from "@koa/router";
import bodyParser from "koa-bodyparser";
import { createHmac, timingSafeEqual } from "node:crypto";
import pino from "pino";
import { PrismaClient } from "@prisma/client";
import { requireUser, requireRole, requireGroupOwner } from "./auth-middleware";

const prisma = new PrismaClient();
const log = pino({ name: "approvals" });
const router = new Router({ prefix: "/api" });

const CHAT_SIGNING_SECRET = process.env.CHAT_SIGNING_SECRET;
if (!CHAT_SIGNING_SECRET) throw new Error("CHAT_SIGNING_SECRET missing");

const MEMBERSHIP_ROLES = new Set(["member", "viewer"]);

type AccessRequest = {
  id: string;
  requesterId: string;
  groupId: string;
  status: "PENDING" | "APPROVED" | "REJECTED";
};

async function loadPending(id: string): Promise<AccessRequest | null> {
  return prisma.accessRequest.findFirst({ where: { id, status: "PENDING" } }) as Promise<AccessRequest | null>;
}

function assertNotRequester(req: AccessRequest, approverId: string, ctx: Koa.Context) {
  if (req.requesterId === approverId) ctx.throw(403, "cannot approve your own request"); // near-miss: self-approval
}

async function grantGroup(req: AccessRequest, approverId: string) {
  await prisma.$transaction([
    prisma.groupMember.create({ data: { groupId: req.groupId, userId: req.requesterId, addedById: approverId } }),
    prisma.accessRequest.update({ where: { id: req.id }, data: { status: "APPROVED", approverId, decidedAt: new Date() } }),
  ]);
}

function validChatSignature(ts: string, raw: string, signature: string): boolean {
  const expected = Buffer.from("v0=" + createHmac("sha256", CHAT_SIGNING_SECRET!).update(`v0:${ts}:${raw}`).digest("hex"));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

router.post("/access-requests", requireUser, async (ctx) => {
  const { groupId, reason } = ctx.request.body as { groupId: string; reason: string };
  const created = await prisma.accessRequest.create({
    data: { groupId, reason, requesterId: ctx.state.user.id, status: "PENDING" },
  });
  ctx.status = 201;
  ctx.body = created;
});

router.post("/access-requests/:id/approve", requireUser, requireRole("group-owner"), async (ctx) => {
  const pending = await loadPending(ctx.params.id);
  if (!pending) return ctx.throw(404);
  assertNotRequester(pending, ctx.state.user.id, ctx);
  await grantGroup(pending, ctx.state.user.id);
  ctx.body = { status: "APPROVED" };
});

router.post("/chat/actions", async (ctx) => {
  const ts = ctx.get("x-chat-timestamp");
  const raw = (ctx.request as any).rawBody as string;
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300 || !validChatSignature(ts, raw, ctx.get("x-chat-signature"))) {
    log.warn({ ts, ip: ctx.ip }, "chat signature mismatch"); // near-miss: secret-in-log
    return ctx.throw(401);
  }
  const action = JSON.parse(new URLSearchParams(raw).get("payload") ?? "{}");
  const approver = await prisma.user.findUnique({ where: { chatUserId: action.user?.id } });
  const pending = await loadPending(action.requestId);
  if (!approver || !pending) return ctx.throw(404);
  const owner = await prisma.groupOwner.findFirst({ where: { groupId: pending.groupId, userId: approver.id } });
  if (!owner) return ctx.throw(403);
  assertNotRequester(pending, approver.id, ctx);
  await grantGroup(pending, approver.id);
  ctx.body = { text: "Approved" };
});

router.put("/groups/:groupId/owners", requireUser, requireGroupOwner("groupId"), async (ctx) => {
  const { userIds } = ctx.request.body as { userIds: string[] };
  if (!Array.isArray(userIds) || userIds.length === 0) return ctx.throw(400, "at least one owner required");
  await prisma.$transaction([
    prisma.groupOwner.deleteMany({ where: { groupId: ctx.params.groupId } }),
    prisma.groupOwner.createMany({ data: userIds.map((userId) => ({ groupId: ctx.params.groupId, userId })) }),
  ]);
  ctx.body = { owners: userIds };
});

router.post("/groups/:groupId/members", requireUser, requireGroupOwner("groupId"), async (ctx) => {
  const { userId, membershipRole = "member" } = ctx.request.body as { userId: string; membershipRole?: string };
  if (!MEMBERSHIP_ROLES.has(membershipRole)) return ctx.throw(400, "unsupported role"); // near-miss: role-from-input
  const member = await prisma.groupMember.create({
    data: { groupId: ctx.params.groupId, userId, role: membershipRole, addedById: ctx.state.user.id },
  });
  ctx.status = 201;
  ctx.body = member;
});

const app = new Koa();
app.use(bodyParser({ enableTypes: ["json", "form"] }));
app.use(router.routes()).use(router.allowedMethods());

export default app;
