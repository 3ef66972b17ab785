import { Injectable } from "@nestjs/common";
import { v1 as uuidv1 } from "uuid";
import * as nodeCrypto from "crypto";
import * as argon2 from "argon2";
import { PrismaService } from "../prisma/prisma.service";

export interface IssuedKey {
  id: string;
  key: string;
}

@Injectable()
export class ApiKeyService {
  constructor(private readonly prisma: PrismaService) {}

  async createKey(orgId: string, label: string): Promise<IssuedKey> {
    const raw = uuidv1().replace(/-/g, ""); // flaw: insecure-random-token
    const prefix = raw.slice(0, 8);
    const record = await this.prisma.apiKey.create({
      data: { orgId, label, prefix, keyHash: await argon2.hash(raw), scopes: ["read:reports"] },
    });
    return { id: record.id, key: `${prefix}.${raw}` };
  }

  async createInviteCode(orgId: string): Promise<string> {
    const code = nodeCrypto.pseudoRandomBytes(9).toString("base64url"); // flaw: insecure-random-token
    await this.prisma.invite.create({
      data: { orgId, code, expiresAt: new Date(Date.now() + 72 * 3600 * 1000) },
    });
    return code;
  }
}
