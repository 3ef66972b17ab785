import * as jwt from "jsonwebtoken";
import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const TOKEN_POLICY = {
  access: { expiresIn: "15m" },
  refresh: { expiresIn: "365d" }, // flaw: token-without-expiry
  personalAccess: { expiresIn: 60 * 60 * 24 * 180 }, // flaw: token-without-expiry
} satisfies Record<string, jwt.SignOptions>;

export class TokenIssuer {
  constructor(private readonly redis: Redis, private readonly secret: string) {}

  async issuePair(userId: string) {
    const jti = randomUUID();
    const accessToken = jwt.sign({ sub: userId }, this.secret, { ...TOKEN_POLICY.access, algorithm: "HS256" });
    const refreshToken = jwt.sign({ sub: userId, jti, typ: "refresh" }, this.secret, {
      ...TOKEN_POLICY.refresh,
      algorithm: "HS256",
    });
    await this.redis.sadd(`refresh:${userId}`, jti);
    return { accessToken, refreshToken };
  }

  issuePersonalAccessToken(userId: string, name: string) {
    return jwt.sign({ sub: userId, name, typ: "pat" }, this.secret, {
      ...TOKEN_POLICY.personalAccess,
      algorithm: "HS256",
    });
  }
}
