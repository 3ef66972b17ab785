import type { PrismaClient } from "@prisma/client";
import type { Redis } from "ioredis";

export class AccountLifecycle {
  constructor(private readonly prisma: PrismaClient, private readonly redis: Redis) {}

  async offboard(userId: string, actorId: string) {
    const now = new Date();
    const sessions = await this.prisma.session.findMany({ where: { userId }, select: { id: true } });

    await this.prisma.$transaction([
      this.prisma.user.update({ where: { id: userId }, data: { status: "DISABLED", disabledAt: now } }),
      this.prisma.session.deleteMany({ where: { userId } }),
      this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
      this.prisma.apiKey.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
      this.prisma.oauthGrant.deleteMany({ where: { userId } }),
      this.prisma.membership.deleteMany({ where: { userId } }),
      this.prisma.auditLog.create({ data: { actorId, action: "user.offboard", targetId: userId } }),
    ]);

    // cache entries are derived from the rows deleted above; failure here is surfaced to the caller
    if (sessions.length) {
      await this.redis.del(...sessions.map((s) => `sess:${s.id}`));
    }
    return { userId, sessionsRevoked: sessions.length, completedAt: now };
  }
}
