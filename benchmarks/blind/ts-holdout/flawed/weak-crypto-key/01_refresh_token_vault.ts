import { createCipheriv, createDecipheriv, scryptSync } from "node:crypto";
import type { PrismaClient } from "@prisma/client";

const ALGO = "aes-256-ecb"; // flaw: weak-crypto-key

/** Encrypts third-party refresh tokens before they are written to the database. */
export class TokenVault {
  private readonly key: Buffer;

  constructor(private readonly prisma: PrismaClient, masterSecret: string, salt: string) {
    this.key = scryptSync(masterSecret, salt, 32);
  }

  seal(plaintext: string): string {
    const cipher = createCipheriv(ALGO, this.key, null);
    return Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]).toString("base64");
  }

  open(sealed: string): string {
    const decipher = createDecipheriv(ALGO, this.key, null);
    return Buffer.concat([decipher.update(Buffer.from(sealed, "base64")), decipher.final()]).toString("utf8");
  }

  async saveGrant(userId: string, provider: string, refreshToken: string) {
    await this.prisma.oauthGrant.upsert({
      where: { userId_provider: { userId, provider } },
      create: { userId, provider, refreshTokenEnc: this.seal(refreshToken) },
      update: { refreshTokenEnc: this.seal(refreshToken) },
    });
  }

  async loadGrant(userId: string, provider: string): Promise<string | null> {
    const row = await this.prisma.oauthGrant.findUnique({ where: { userId_provider: { userId, provider } } });
    return row ? this.open(row.refreshTokenEnc) : null;
  }
}
