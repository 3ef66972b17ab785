import { createCipheriv, createDecipheriv, randomBytes } from "crypto";

const CIPHER = "des-ede3-cbc"; // flaw: weak-crypto-key

function loadKey(): Buffer {
  const b64 = process.env.TOKEN_VAULT_KEY;
  if (!b64) throw new Error("TOKEN_VAULT_KEY missing");
  const key = Buffer.from(b64, "base64");
  if (key.length !== 24) throw new Error("TOKEN_VAULT_KEY must be 24 bytes");
  return key;
}

/** Encrypts upstream OAuth refresh tokens before they are persisted. */
export function sealRefreshToken(token: string): string {
  const iv = randomBytes(8);
  const cipher = createCipheriv(CIPHER, loadKey(), iv);
  const enc = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return `${iv.toString("base64")}.${enc.toString("base64")}`;
}

export function openRefreshToken(sealed: string): string {
  const [ivB64, dataB64] = sealed.split(".");
  const decipher = createDecipheriv(CIPHER, loadKey(), Buffer.from(ivB64, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(dataB64, "base64")), decipher.final()]).toString("utf8");
}

export class LinkedAccountStore {
  constructor(private readonly db: { upsert(table: string, row: object): Promise<void> }) {}

  async saveLink(userId: string, provider: string, refreshToken: string) {
    await this.db.upsert("linked_accounts", {
      user_id: userId,
      provider,
      refresh_token_enc: sealRefreshToken(refreshToken),
      updated_at: new Date(),
    });
  }
}
