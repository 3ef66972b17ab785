import { Router } from "express";
import { db } from "../db";
import { requireAuth, requireRole } from "../middleware/auth";
import { grantAccess } from "../services/access";

export const accessRequests = Router();

accessRequests.post("/access-requests/:id/approve", requireAuth, requireRole("approver"), async (req, res) => {
  const approverId = req.user!.id;
  const request = await db.accessRequest.findUnique({ where: { id: req.params.id } });
  if (!request) return res.status(404).json({ error: "not_found" });
  if (request.status !== "PENDING") return res.status(409).json({ error: "already_decided" });
  if (request.requesterId === approverId) { // near-miss: self-approval
    return res.status(403).json({ error: "requester_cannot_approve" });
  }

  const updated = await db.accessRequest.updateMany({
    where: { id: request.id, status: "PENDING" },
    data: { status: "APPROVED", approverId, decidedAt: new Date() },
  });
  if (updated.count !== 1) return res.status(409).json({ error: "already_decided" });

  await grantAccess(request.requesterId, request.resourceId, request.level);
  return res.json({ status: "APPROVED" });
});
