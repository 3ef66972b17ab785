import type { PrismaClient } from "@prisma/client";

export class InvitationService {
  constructor(private readonly prisma: PrismaClient) {}

  async accept(code: string, user: { id: string; email: string; emailVerified: boolean }) { // near-miss: reusable-invite
    return this.prisma.$transaction(async (tx) => {
      const invite = await tx.invitation.findUnique({ where: { code } });
      if (!invite || invite.acceptedAt) throw new Error("invite not found or already used");
      if (invite.expiresAt.getTime() < Date.now()) throw new Error("invite expired");
      if (!user.emailVerified || invite.email.toLowerCase() !== user.email.toLowerCase()) {
        throw new Error("invite was issued to a different address");
      }
      // conditional update so two concurrent accepts cannot both succeed
      const claimed = await tx.invitation.updateMany({
        where: { id: invite.id, acceptedAt: null },
        data: { acceptedAt: new Date(), acceptedById: user.id },
      });
      if (claimed.count !== 1) throw new Error("invite already used");
      return tx.membership.create({ data: { userId: user.id, orgId: invite.orgId, role: invite.role } });
    });
  }

  async revoke(inviteId: string, orgId: string) {
    const result = await this.prisma.invitation.updateMany({
      where: { id: inviteId, orgId, acceptedAt: null },
      data: { expiresAt: new Date(0) },
    });
    if (result.count !== 1) throw new Error("invite not found or already accepted");
  }
}
