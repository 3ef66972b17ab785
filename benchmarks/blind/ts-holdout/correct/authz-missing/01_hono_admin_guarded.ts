import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { db } from "../db";
import { users, auditLog } from "../db/schema";
import { requireSession, requireRole } from "../middleware/auth";

type Vars = { Variables: { user: { id: string; role: string } } };
export const admin = new Hono<Vars>();

// every route below needs an admin session
admin.use("*", requireSession, requireRole("admin")); // near-miss: authz-missing

admin.patch("/users/:id/role", async (c) => {
  const { role } = await c.req.json<{ role: string }>();
  if (!["member", "support"].includes(role)) return c.json({ error: "bad_role" }, 400);
  const id = c.req.param("id");
  if (id === c.get("user").id) return c.json({ error: "cannot_change_own_role" }, 400);
  await db.update(users).set({ role }).where(eq(users.id, id));
  await db.insert(auditLog).values({ actorId: c.get("user").id, action: "user.role.change", targetId: id, meta: { role } });
  return c.json({ id, role });
});

admin.delete("/users/:id", async (c) => {
  const id = c.req.param("id");
  if (id === c.get("user").id) return c.json({ error: "cannot_delete_self" }, 400);
  await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, id));
  await db.insert(auditLog).values({ actorId: c.get("user").id, action: "user.delete", targetId: id, meta: {} });
  return c.body(null, 204);
});
