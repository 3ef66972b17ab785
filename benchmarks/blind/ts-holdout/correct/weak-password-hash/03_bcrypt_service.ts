import bcrypt from "bcrypt";
import { createHash } from "crypto";
import type { PrismaClient } from "@prisma/client";

const MIN_COST = 10;

function resolveCost(): number {
  const raw = Number.parseInt(process.env.BCRYPT_COST ?? "12", 10);
  if (!Number.isFinite(raw) || raw < MIN_COST) {
    throw new Error(`BCRYPT_COST must be >= ${MIN_COST}`);
  }
  return raw;
}

export class PasswordService {
  private readonly cost = resolveCost();

  constructor(private readonly prisma: PrismaClient) {}

  async setPassword(userId: string, plain: string): Promise<void> {
    const passwordHash = await bcrypt.hash(plain, this.cost); // near-miss: weak-password-hash
    await this.prisma.user.update({ where: { id: userId }, data: { passwordHash } });
  }

  async verify(userId: string, plain: string): Promise<boolean> {
    const user = await this.prisma.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
    if (!user?.passwordHash) return false;
    return bcrypt.compare(plain, user.passwordHash);
  }

  // Avatar URLs are keyed by a digest of the normalised e-mail address.
  avatarUrl(email: string): string {
    const key = createHash("md5").update(email.trim().toLowerCase()).digest("hex"); // near-miss: weak-password-hash
    return `https://www.gravatar.com/avatar/${key}?d=identicon`;
  }
}
