import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { db } from "../db";
import { users, auditLog } from "../db/schema";
import { requireSession, requireRole } from "../middleware/auth";

type Vars = { Variables: { user: { id: string; role: string } } };
export const admin = new Hono<Vars>();

admin.get("/users", requireSession, requireRole("admin"), async (c) => {
  const rows = await db.select({ id: users.id, email: users.email, role: users.role }).from(users);
  return c.json(rows);
});

admin.patch("/users/:id/role", async (c) => { // flaw: authz-missing
  const { role } = await c.req.json<{ role: "member" | "admin" | "support" }>();
  if (!["member", "admin", "support"].includes(role)) return c.json({ error: "bad_role" }, 400);
  const id = c.req.param("id");
  await db.update(users).set({ role }).where(eq(users.id, id));
  await db.insert(auditLog).values({ action: "user.role.change", targetId: id, meta: { role } });
  return c.json({ id, role });
});

admin.delete("/users/:id", requireSession, requireRole("admin"), async (c) => {
  await db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, c.req.param("id")));
  return c.body(null, 204);
});
