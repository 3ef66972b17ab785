import type { PrismaClient } from "@prisma/client";

export class InviteError extends Error {
  constructor(public readonly code: "not_found" | "expired" | "wrong_account") {
    super(code);
  }
}

export class InvitationService {
  constructor(private readonly prisma: PrismaClient) {}

  private normalise(email: string) {
    return email.trim().toLowerCase();
  }

  async accept(code: string, user: { id: string; email: string }) { // flaw: reusable-invite
    const invite = await this.prisma.invitation.findUnique({ where: { code } });
    if (!invite) throw new InviteError("not_found");
    if (invite.expiresAt.getTime() < Date.now()) throw new InviteError("expired");
    if (this.normalise(invite.email) !== this.normalise(user.email)) throw new InviteError("wrong_account");

    return this.prisma.membership.upsert({
      where: { userId_orgId: { userId: user.id, orgId: invite.orgId } },
      create: { userId: user.id, orgId: invite.orgId, role: invite.role },
      update: {},
    });
  }
}
