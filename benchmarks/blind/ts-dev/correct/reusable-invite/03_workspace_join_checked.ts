import { Hono } from "hono";
import { eq, and, isNull, gt } from "drizzle-orm";
import { db } from "./db";
import { invitations, workspaceMembers } from "./schema";
import { currentUser } from "./session";

const join = new Hono();

async function consumeInvitation(token: string, user: { id: string; email: string }) {
  return db.transaction(async (tx) => {
    const [inv] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: user.id })
      .where(and(
        eq(invitations.token, token),
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
        eq(invitations.email, user.email.toLowerCase()),
      ))
      .returning();
    if (!inv) return { ok: false as const };
    await tx.insert(workspaceMembers).values({ workspaceId: inv.workspaceId, userId: user.id, role: inv.role });
    return { ok: true as const, workspaceId: inv.workspaceId };
  });
}

join.post("/join/:token", async (c) => {
  const user = await currentUser(c);
  if (!user) return c.json({ error: "sign in first" }, 401);
  const result = await consumeInvitation(c.req.param("token"), user);
  if (!result.ok) return c.json({ error: "invitation invalid, expired or for another email" }, 400);
  return c.json({ workspaceId: result.workspaceId });
});

export default join;
