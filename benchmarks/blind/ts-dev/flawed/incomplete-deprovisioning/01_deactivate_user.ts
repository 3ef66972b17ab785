import { PrismaClient } from "@prisma/client";
import type { Redis } from "ioredis";
import { audit } from "../audit";

export class UserLifecycleService {
  constructor(private readonly prisma: PrismaClient, private readonly redis: Redis) {}

  async listCredentials(userId: string) {
    const [apiKeys, refreshTokens, sessions] = await Promise.all([
      this.prisma.apiKey.findMany({ where: { userId, revokedAt: null } }),
      this.prisma.refreshToken.findMany({ where: { userId, revokedAt: null } }),
      this.prisma.session.findMany({ where: { userId } }),
    ]);
    return { apiKeys, refreshTokens, sessions };
  }

  async revokeApiKey(keyId: string) {
    await this.prisma.apiKey.update({ where: { id: keyId }, data: { revokedAt: new Date() } });
  }

  async deactivateUser(userId: string, actorId: string): Promise<void> { // flaw: incomplete-deprovisioning
    await this.prisma.user.update({
      where: { id: userId },
      data: { status: "DEACTIVATED", deactivatedAt: new Date() },
    });

    const sessions = await this.prisma.session.findMany({ where: { userId }, select: { id: true } });
    if (sessions.length) {
      await this.redis.del(...sessions.map((s) => `sess:${s.id}`));
    }
    await this.prisma.session.deleteMany({ where: { userId } });

    await audit.record({ actorId, action: "user.deactivated", targetId: userId });
  }
}
