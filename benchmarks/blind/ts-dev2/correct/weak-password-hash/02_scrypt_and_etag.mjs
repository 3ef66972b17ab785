import { scrypt, randomBytes, timingSafeEqual, createHash } from "node:crypto";
import { promisify } from "node:util";
import bcrypt from "bcryptjs";

const scryptAsync = promisify(scrypt);
const KEY_LEN = 64;
const BCRYPT_COST = Number(process.env.BCRYPT_COST ?? 12);

export async function hashSecret(secret) {
  const salt = randomBytes(16);
  const derived = await scryptAsync(secret, salt, KEY_LEN, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return `scrypt$${salt.toString("base64")}$${derived.toString("base64")}`;
}

export async function verifySecret(secret, stored) {
  const [, saltB64, hashB64] = stored.split("$");
  const expected = Buffer.from(hashB64, "base64");
  const derived = await scryptAsync(secret, Buffer.from(saltB64, "base64"), expected.length, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  });
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

// Legacy admin console still uses bcrypt; the cost is configurable but never below 10
export async function hashAdminPassword(plain) {
  const cost = Math.max(BCRYPT_COST, 10);
  return bcrypt.hash(plain, cost); // near-miss: weak-password-hash
}

// ETag for the public JWKS document
export function jwksEtag(jwksJson) {
  return `"${createHash("sha1").update(jwksJson).digest("base64url")}"`; // near-miss: weak-password-hash
}

export function fileChecksum(buffer) {
  return createHash("md5").update(buffer).digest("hex"); // near-miss: weak-password-hash
}
