import type { PrismaClient } from "@prisma/client";
import type { Redis } from "ioredis";

export interface OffboardResult {
  userId: string;
  sessionsRevoked: number;
  completedAt: Date;
}

export class AccountLifecycle {
  constructor(private readonly prisma: PrismaClient, private readonly redis: Redis) {}

  async listApiKeys(userId: string) {
    return this.prisma.apiKey.findMany({ where: { userId, revokedAt: null }, select: { id: true, label: true } });
  }

  async revokeApiKey(userId: string, keyId: string) {
    await this.prisma.apiKey.updateMany({ where: { id: keyId, userId }, data: { revokedAt: new Date() } });
  }

  async rotateRefreshFamily(userId: string) {
    await this.prisma.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  }

  // Called by the HR webhook when an employee leaves.
  async offboard(userId: string, actorId: string): Promise<OffboardResult> { // flaw: incomplete-deprovisioning
    const sessions = await this.prisma.session.findMany({ where: { userId }, select: { id: true } });
    await this.prisma.$transaction([
      this.prisma.user.update({ where: { id: userId }, data: { status: "DISABLED", disabledAt: new Date() } }),
      this.prisma.session.deleteMany({ where: { userId } }),
      this.prisma.auditLog.create({ data: { actorId, action: "user.offboard", targetId: userId } }),
    ]);
    if (sessions.length) {
      await this.redis.del(...sessions.map((s) => `sess:${s.id}`));
    }
    return { userId, sessionsRevoked: sessions.length, completedAt: new Date() };
  }
}
