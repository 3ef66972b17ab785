import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGO = "aes-256-gcm"; // near-miss: weak-crypto-key

function key(): Buffer {
  const raw = process.env.TOKEN_VAULT_KEY;
  if (!raw) throw new Error("TOKEN_VAULT_KEY missing");
  const buf = Buffer.from(raw, "base64");
  if (buf.length !== 32) throw new Error("TOKEN_VAULT_KEY must decode to 32 bytes");
  return buf;
}

export function seal(plaintext: string, aad = "refresh-token"): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGO, key(), iv);
  cipher.setAAD(Buffer.from(aad));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [iv, tag, ct].map((b) => b.toString("base64url")).join(".");
}

export function open(sealed: string, aad = "refresh-token"): string {
  const [iv, tag, ct] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = createDecipheriv(ALGO, key(), iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]).toString("utf8");
}
