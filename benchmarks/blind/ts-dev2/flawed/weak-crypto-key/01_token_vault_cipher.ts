import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";

type CipherSpec = { algorithm: string; keyLength: number; ivLength: number };

// Matches what the legacy billing service can decrypt
const REFRESH_TOKEN_CIPHER: CipherSpec = {
  algorithm: "des-ede3-cbc", // flaw: weak-crypto-key
  keyLength: 24,
  ivLength: 8,
};

const masterKey = scryptSync(process.env.VAULT_PASSPHRASE!, process.env.VAULT_SALT!, REFRESH_TOKEN_CIPHER.keyLength);

export function sealRefreshToken(token: string): string {
  const iv = randomBytes(REFRESH_TOKEN_CIPHER.ivLength);
  const cipher = createCipheriv(REFRESH_TOKEN_CIPHER.algorithm, masterKey, iv);
  const enc = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
  return `${iv.toString("base64")}.${enc.toString("base64")}`;
}

export function openRefreshToken(sealed: string): string {
  const [ivB64, dataB64] = sealed.split(".");
  const decipher = createDecipheriv(REFRESH_TOKEN_CIPHER.algorithm, masterKey, Buffer.from(ivB64, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(dataB64, "base64")), decipher.final()]).toString("utf8");
}

// API key blobs: deterministic so the same key always encrypts to the same column value
const apiKeyMode = "aes-256-ecb"; // flaw: weak-crypto-key
const apiKeyKey = scryptSync(process.env.VAULT_PASSPHRASE!, "api-key-column", 32);
export function encryptApiKey(apiKey: string): string {
  const c = createCipheriv(apiKeyMode, apiKeyKey, null);
  return Buffer.concat([c.update(apiKey), c.final()]).toString("hex");
}
