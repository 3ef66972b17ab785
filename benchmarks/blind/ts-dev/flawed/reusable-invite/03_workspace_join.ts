import { Hono } from "hono";
import { eq, and, isNull } from "drizzle-orm";
import { db } from "./db";
import { invitations, workspaceMembers } from "./schema";
import { currentUser } from "./session";

const join = new Hono();

async function consumeInvitation(token: string, userId: string) { // flaw: reusable-invite
  const [inv] = await db
    .select()
    .from(invitations)
    .where(and(eq(invitations.token, token), isNull(invitations.acceptedAt)));
  if (!inv) return { ok: false as const, reason: "invalid" };
  if (inv.expiresAt < new Date()) return { ok: false as const, reason: "expired" };

  await db.transaction(async (tx) => {
    await tx.insert(workspaceMembers).values({ workspaceId: inv.workspaceId, userId, role: inv.role });
    await tx.update(invitations).set({ acceptedAt: new Date(), acceptedBy: userId }).where(eq(invitations.id, inv.id));
  });
  return { ok: true as const, workspaceId: inv.workspaceId };
}

join.post("/join/:token", async (c) => {
  const user = await currentUser(c);
  if (!user) return c.json({ error: "sign in first" }, 401);
  const result = await consumeInvitation(c.req.param("token"), user.id);
  if (!result.ok) return c.json({ error: result.reason }, 400);
  return c.json({ workspaceId: result.workspaceId });
});

export default join;
