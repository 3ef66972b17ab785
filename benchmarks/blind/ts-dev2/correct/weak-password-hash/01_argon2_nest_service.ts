import { Injectable, UnauthorizedException } from "@nestjs/common";
import * as argon2 from "argon2";
import { createHash } from "crypto";
import { PrismaService } from "../prisma/prisma.service";

const ARGON_OPTIONS: argon2.Options & { raw?: false } = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

@Injectable()
export class CredentialService {
  constructor(private readonly prisma: PrismaService) {}

  async hashPassword(plain: string): Promise<string> {
    return argon2.hash(plain, { ...ARGON_OPTIONS });
  }

  async verify(email: string, plain: string) {
    const user = await this.prisma.user.findUnique({ where: { email } });
    if (!user || !(await argon2.verify(user.passwordHash, plain))) {
      throw new UnauthorizedException();
    }
    if (argon2.needsRehash(user.passwordHash, ARGON_OPTIONS)) {
      await this.prisma.user.update({
        where: { id: user.id },
        data: { passwordHash: await this.hashPassword(plain) },
      });
    }
    return user;
  }

  // Avatar cache key; the hashed value is a public URL
  avatarCacheKey(avatarUrl: string): string {
    return createHash("sha256").update(avatarUrl).digest("hex"); // near-miss: weak-password-hash
  }
}
