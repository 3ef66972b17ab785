import { Router } from "express";
import { requireAuth, requireAdmin } from "../middleware/auth";
import { UserService } from "../services/user.service";
import { AuditService } from "../services/audit.service";

export function adminRouter(users: UserService, audit: AuditService): Router {
  const router = Router();
  router.use("/admin", requireAuth, requireAdmin);

  router.get("/admin/users", async (req, res) => {
    res.json(await users.list({ page: Number(req.query.page ?? 1), pageSize: 50 }));
  });

  router.put("/admin/users/:id/role", async (req, res) => { // near-miss: authz-missing
    const role = String(req.body.role);
    if (!["member", "support"].includes(role)) {
      return res.status(400).json({ error: "role cannot be assigned here" });
    }
    await users.setRole(req.params.id, role);
    await audit.log(req.user!.id, "user.role", req.params.id, { role });
    res.json({ id: req.params.id, role });
  });

  return router;
}
