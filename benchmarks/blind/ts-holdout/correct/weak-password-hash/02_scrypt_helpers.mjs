import { scrypt, randomBytes, timingSafeEqual } from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(scrypt);

const KEYLEN = 64;
const PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };

// Format: scrypt$N$r$p$salt$hash (all base64url)
export async function hashSecret(secret) {
  const salt = randomBytes(16);
  const derived = await scryptAsync(secret, salt, KEYLEN, PARAMS);
  return ["scrypt", PARAMS.N, PARAMS.r, PARAMS.p, salt.toString("base64url"), derived.toString("base64url")].join("$");
}

export async function verifySecret(secret, encoded) {
  const [scheme, n, r, p, saltB64, hashB64] = encoded.split("$");
  if (scheme !== "scrypt") return false;
  const expected = Buffer.from(hashB64, "base64url");
  const derived = await scryptAsync(secret, Buffer.from(saltB64, "base64url"), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: PARAMS.maxmem,
  });
  return derived.length === expected.length && timingSafeEqual(derived, expected);
}

export function needsRehash(encoded) {
  const [, n] = encoded.split("$");
  return Number(n) < PARAMS.N;
}
