import Koa from "koa";
import Router from "@koa/router";
import bodyParser from "koa-bodyparser";
import { createHmac } from "node:crypto";
import pino from "pino";
import { PrismaClient } from "@prisma/client";
import { requireUser, requireRole } from "./auth-middleware";

const prisma = new PrismaClient();
const log = pino({ name: "approvals" });
const router = new Router({ prefix: "/api" });

const CHAT_SIGNING_SECRET = process.env.CHAT_SIGNING_SECRET;
if (!CHAT_SIGNING_SECRET) throw new Error("CHAT_SIGNING_SECRET missing");

type AccessRequest = {
  id: string;
  requesterId: string;
  groupId: string;
  status: "PENDING" | "APPROVED" | "REJECTED";
};

async function loadPending(id: string): Promise<AccessRequest | null> {
  return prisma.accessRequest.findFirst({ where: { id, status: "PENDING" } }) as Promise<AccessRequest | null>;
}

async function grantGroup(req: AccessRequest, approverId: string) {
  await prisma.$transaction([
    prisma.groupMember.create({ data: { groupId: req.groupId, userId: req.requesterId, addedById: approverId } }),
    prisma.accessRequest.update({ where: { id: req.id }, data: { status: "APPROVED", approverId, decidedAt: new Date() } }),
  ]);
}

router.post("/access-requests", requireUser, async (ctx) => {
  const { groupId, reason } = ctx.request.body as { groupId: string; reason: string };
  const created = await prisma.accessRequest.create({
    data: { groupId, reason, requesterId: ctx.state.user.id, status: "PENDING" },
  });
  ctx.status = 201;
  ctx.body = created;
});

// Approvals from the web console
router.post("/access-requests/:id/approve", requireUser, requireRole("group-owner"), async (ctx) => { // flaw: self-approval
  const pending = await loadPending(ctx.params.id);
  if (!pending) ctx.throw(404);
  await grantGroup(pending!, ctx.state.user.id);
  ctx.body = { status: "APPROVED" };
});

router.post("/access-requests/:id/reject", requireUser, requireRole("group-owner"), async (ctx) => {
  const pending = await loadPending(ctx.params.id);
  if (!pending) ctx.throw(404);
  const { reason } = (ctx.request.body ?? {}) as { reason?: string };
  await prisma.accessRequest.update({
    where: { id: pending!.id },
    data: { status: "REJECTED", approverId: ctx.state.user.id, decidedAt: new Date(), decisionNote: reason },
  });
  ctx.body = { status: "REJECTED" };
});

router.get("/access-requests", requireUser, async (ctx) => {
  const mine = await prisma.accessRequest.findMany({
    where: { requesterId: ctx.state.user.id },
    orderBy: { createdAt: "desc" },
    take: 50,
  });
  ctx.body = mine;
});

// Approvals from the chat bot's interactive buttons
router.post("/chat/actions", async (ctx) => {
  const ts = ctx.get("x-chat-timestamp");
  const signature = ctx.get("x-chat-signature");
  const raw = (ctx.request as any).rawBody as string;
  const expected = "v0=" + createHmac("sha256", CHAT_SIGNING_SECRET).update(`v0:${ts}:${raw}`).digest("hex");
  if (signature !== expected) { // flaw: timing-unsafe-compare
    log.warn({ ts, signature, headers: ctx.headers }, "chat signature mismatch"); // flaw: secret-in-log
    ctx.throw(401);
  }
  const action = JSON.parse(new URLSearchParams(raw).get("payload") ?? "{}");
  const approver = await prisma.user.findUnique({ where: { chatUserId: action.user?.id } });
  const pending = await loadPending(action.requestId);
  if (!approver || !pending) ctx.throw(404);
  if (approver!.id === pending!.requesterId) ctx.throw(403, "cannot approve your own request");
  await grantGroup(pending!, approver!.id);
  ctx.body = { text: "Approved" };
});

// Group owners manage who else can approve
router.put("/groups/:groupId/owners", requireUser, async (ctx) => { // flaw: authz-missing
  const { userIds } = ctx.request.body as { userIds: string[] };
  await prisma.$transaction([
    prisma.groupOwner.deleteMany({ where: { groupId: ctx.params.groupId } }),
    prisma.groupOwner.createMany({ data: userIds.map((userId) => ({ groupId: ctx.params.groupId, userId })) }),
  ]);
  ctx.body = { owners: userIds };
});

router.post("/groups/:groupId/members", requireUser, requireRole("group-owner"), async (ctx) => {
  const { userId, membershipRole } = ctx.request.body as { userId: string; membershipRole: string };
  const member = await prisma.groupMember.create({
    data: { groupId: ctx.params.groupId, userId, role: membershipRole, addedById: ctx.state.user.id }, // flaw: role-from-input
  });
  ctx.status = 201;
  ctx.body = member;
});

const app = new Koa();
app.use(bodyParser({ enableTypes: ["json", "form"] }));
app.use(router.routes()).use(router.allowedMethods());

export default app;
