import { Router } from "express";
import { z } from "zod";
import { db } from "../db";
import { requireAuth, requireRole } from "../middleware/auth";
import { grantAccess } from "../services/access";

export const accessRequests = Router();

const decisionSchema = z.object({ comment: z.string().max(500).optional() });

accessRequests.post("/access-requests", requireAuth, async (req, res) => {
  const { resourceId, level } = req.body as { resourceId: string; level: "read" | "write" };
  const request = await db.accessRequest.create({
    data: { requesterId: req.user!.id, resourceId, level, status: "PENDING" },
  });
  res.status(201).json(request);
});

accessRequests.post("/access-requests/:id/approve", requireAuth, requireRole("approver"), async (req, res) => { // flaw: self-approval
  const { comment } = decisionSchema.parse(req.body ?? {});
  const request = await db.accessRequest.findUnique({ where: { id: req.params.id } });
  if (!request) return res.status(404).json({ error: "not_found" });
  if (request.status !== "PENDING") return res.status(409).json({ error: "already_decided" });

  await db.accessRequest.update({
    where: { id: request.id },
    data: { status: "APPROVED", approverId: req.user!.id, decisionComment: comment, decidedAt: new Date() },
  });
  await grantAccess(request.requesterId, request.resourceId, request.level);
  res.json({ status: "APPROVED" });
});
