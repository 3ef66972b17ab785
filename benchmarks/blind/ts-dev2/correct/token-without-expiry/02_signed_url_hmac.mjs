import { createHmac, timingSafeEqual } from "node:crypto";
import jwt from "jsonwebtoken";

const urlKey = Buffer.from(process.env.SIGNED_URL_KEY ?? "", "base64");
if (urlKey.length < 32) throw new Error("SIGNED_URL_KEY must be a 32+ byte base64 value");

const DEFAULT_TTL_SECONDS = 15 * 60;

export function signDownloadUrl(path, ttlSeconds = DEFAULT_TTL_SECONDS) {
  const expires = Math.floor(Date.now() / 1000) + Math.min(ttlSeconds, 3600);
  const sig = createHmac("sha256", urlKey).update(`${path}:${expires}`).digest("base64url");
  return `${path}?expires=${expires}&sig=${sig}`;
}

export function checkDownloadUrl(path, expires, sig) {
  if (Number(expires) < Date.now() / 1000) return false;
  const expected = createHmac("sha256", urlKey).update(`${path}:${expires}`).digest();
  const given = Buffer.from(String(sig), "base64url");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const baseSignOptions = { issuer: "files.example.com", algorithm: "HS256" };

export function mintUploadToken(userId) {
  return jwt.sign({ sub: userId, act: "upload" }, urlKey, { ...baseSignOptions, expiresIn: "30m" }); // near-miss: token-without-expiry
}
