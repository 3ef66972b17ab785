import { PrismaClient } from "@prisma/client";
import type { Redis } from "ioredis";

export class UserLifecycleService {
  constructor(private readonly prisma: PrismaClient, private readonly redis: Redis) {}

  async deactivateUser(userId: string, actorId: string): Promise<void> {
    const now = new Date();
    const sessions = await this.prisma.session.findMany({ where: { userId }, select: { id: true } });

    await this.prisma.$transaction([
      this.prisma.user.update({ where: { id: userId }, data: { status: "DEACTIVATED", deactivatedAt: now } }),
      this.prisma.apiKey.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
      this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } }),
      this.prisma.oauthGrant.deleteMany({ where: { userId } }),
      this.prisma.membership.deleteMany({ where: { userId } }),
      this.prisma.session.deleteMany({ where: { userId } }),
      this.prisma.auditLog.create({ data: { actorId, action: "user.deactivated", targetId: userId } }),
    ]);

    // cache eviction after the commit; an error here propagates to the caller
    if (sessions.length) {
      await this.redis.del(...sessions.map((s) => `sess:${s.id}`));
    }
  }
}
