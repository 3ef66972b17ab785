import { Router, Request, Response } from "express";
import { prisma } from "../prisma";
import { requireAuth } from "../middleware/require-auth";

export const invitesRouter = Router();

type AuthedRequest = Request & { user: { id: string; email: string; emailVerified: boolean } };

const acceptInvite = async (req: Request, res: Response) => {
  const { user } = req as AuthedRequest;
  const invite = await prisma.orgInvite.findUnique({ where: { code: String(req.params.code) } });
  if (!invite || invite.consumedAt) return res.status(404).json({ error: "invite not found" });
  if (invite.expiresAt.getTime() < Date.now()) return res.status(410).json({ error: "invite expired" });
  if (!user.emailVerified || invite.email.toLowerCase() !== user.email.toLowerCase()) {
    return res.status(403).json({ error: "invite was issued to a different email" });
  }

  await prisma.$transaction(async (tx) => {
    const claimed = await tx.orgInvite.updateMany({
      where: { id: invite.id, consumedAt: null },
      data: { consumedAt: new Date(), consumedBy: user.id },
    });
    if (claimed.count !== 1) throw new Error("invite already used");
    await tx.membership.create({ data: { orgId: invite.orgId, userId: user.id, role: invite.role } });
  });
  return res.json({ orgId: invite.orgId });
};

invitesRouter.post("/invites/:code/accept", requireAuth, acceptInvite);
