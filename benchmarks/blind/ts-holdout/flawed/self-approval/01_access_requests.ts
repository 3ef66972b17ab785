import { Hono } from "hono";
import { and, eq } from "drizzle-orm";
import { db } from "../db";
import { accessRequests, grants } from "../db/schema";
import { requireSession, requireRole } from "../middleware/auth";

type Vars = { Variables: { user: { id: string; roles: string[] } } };
export const accessApi = new Hono<Vars>();

accessApi.use("*", requireSession);

accessApi.post("/requests", async (c) => {
  const { resource, reason } = await c.req.json<{ resource: string; reason: string }>();
  const [row] = await db
    .insert(accessRequests)
    .values({ requesterId: c.get("user").id, resource, reason, status: "pending" })
    .returning();
  return c.json(row, 201);
});

accessApi.post("/requests/:id/approve", requireRole("approver"), async (c) => { // flaw: self-approval
  const id = c.req.param("id");
  const approver = c.get("user");
  const [request] = await db.select().from(accessRequests).where(eq(accessRequests.id, id));
  if (!request || request.status !== "pending") return c.json({ error: "not_pending" }, 409);

  await db.transaction(async (tx) => {
    await tx
      .update(accessRequests)
      .set({ status: "approved", approverId: approver.id, decidedAt: new Date() })
      .where(and(eq(accessRequests.id, id), eq(accessRequests.status, "pending")));
    await tx.insert(grants).values({ userId: request.requesterId, resource: request.resource, grantedBy: approver.id });
  });
  return c.json({ status: "approved" });
});
