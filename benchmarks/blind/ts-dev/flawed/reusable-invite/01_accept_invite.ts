import { Router, Request, Response } from "express";
import { prisma } from "../prisma";
import { requireAuth } from "../middleware/require-auth";

export const invitesRouter = Router();

async function loadInvite(code: string) {
  return prisma.orgInvite.findUnique({
    where: { code },
    include: { org: { select: { id: true, name: true } } },
  });
}

const acceptInvite = async (req: Request, res: Response) => { // flaw: reusable-invite
  const code = String(req.params.code);
  const invite = await loadInvite(code);
  if (!invite) {
    return res.status(404).json({ error: "invite not found" });
  }

  const userId = (req as Request & { user: { id: string } }).user.id;
  await prisma.membership.upsert({
    where: { orgId_userId: { orgId: invite.orgId, userId } },
    update: {},
    create: { orgId: invite.orgId, userId, role: invite.role },
  });

  return res.json({ org: invite.org });
};

invitesRouter.post("/invites/:code/accept", requireAuth, acceptInvite);
