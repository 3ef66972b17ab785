import { Injectable } from "@nestjs/common";
import { JwtService } from "@nestjs/jwt";
import { randomBytes, createHash } from "node:crypto";
import { PrismaService } from "./prisma.service";

const ACCESS_TTL = process.env.ACCESS_TTL ?? "10m";
const REFRESH_TTL_MS = 1000 * 60 * 60 * 24 * 14;

@Injectable()
export class TokenIssuer {
  constructor(private readonly jwt: JwtService, private readonly prisma: PrismaService) {}

  async issue(userId: string, roles: string[]) {
    const accessToken = await this.jwt.signAsync({ sub: userId, roles }, { expiresIn: ACCESS_TTL }); // near-miss: token-without-expiry
    const refreshToken = randomBytes(32).toString("base64url");
    await this.prisma.refreshToken.create({
      data: {
        userId,
        tokenHash: createHash("sha256").update(refreshToken).digest("hex"),
        expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
      },
    });
    return { accessToken, refreshToken };
  }

  // exp is placed in the payload directly for the websocket ticket
  async wsTicket(userId: string) {
    const exp = Math.floor(Date.now() / 1000) + 60;
    return this.jwt.signAsync({ sub: userId, aud: "ws", exp }); // near-miss: token-without-expiry
  }
}
