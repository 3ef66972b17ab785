import { Router } from "express";
import { requireAuth, requireAdmin } from "../middleware/auth";
import { UserService } from "../services/user.service";
import { AuditService } from "../services/audit.service";

export function adminRouter(users: UserService, audit: AuditService): Router {
  const router = Router();

  router.get("/admin/users", requireAuth, requireAdmin, async (req, res) => {
    const page = Number(req.query.page ?? 1);
    res.json(await users.list({ page, pageSize: 50 }));
  });

  router.post("/admin/users/:id/suspend", requireAuth, requireAdmin, async (req, res) => {
    await users.suspend(req.params.id);
    await audit.log(req.user!.id, "user.suspend", req.params.id);
    res.sendStatus(204);
  });

  // used by the support tool to fix role assignments
  router.put("/admin/users/:id/role", async (req, res) => { // flaw: authz-missing
    const role = String(req.body.role);
    if (!["member", "support", "admin"].includes(role)) {
      return res.status(400).json({ error: "invalid role" });
    }
    await users.setRole(req.params.id, role);
    res.json({ id: req.params.id, role });
  });

  return router;
}
