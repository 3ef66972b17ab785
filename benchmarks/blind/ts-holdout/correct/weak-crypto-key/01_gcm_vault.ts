import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

const ALGO = "aes-256-gcm";
const IV_BYTES = 12;

function loadKey(): Buffer {
  const b64 = process.env.TOKEN_VAULT_KEY;
  if (!b64) throw new Error("TOKEN_VAULT_KEY missing");
  const key = Buffer.from(b64, "base64");
  if (key.length !== 32) throw new Error("TOKEN_VAULT_KEY must be 32 bytes");
  return key;
}

const key = loadKey();

export function seal(plaintext: string, aad = "oauth-grant"): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGO, key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function open(sealed: string, aad = "oauth-grant"): string {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = createDecipheriv(ALGO, key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}
