import { scrypt, randomBytes, timingSafeEqual, createHash } from "crypto";
import { promisify } from "util";
import { readFile } from "fs/promises";
import type { FastifyInstance } from "fastify";

const scryptAsync = promisify(scrypt) as (pw: string, salt: Buffer, len: number, opts: object) => Promise<Buffer>;
const SCRYPT_PARAMS = { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 };
const KEY_LEN = 64;

export async function hashSecret(secret: string): Promise<string> {
  const salt = randomBytes(16);
  const derived = await scryptAsync(secret, salt, KEY_LEN, SCRYPT_PARAMS);
  return `scrypt$${salt.toString("base64")}$${derived.toString("base64")}`;
}

export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const [scheme, saltB64, hashB64] = stored.split("$");
  if (scheme !== "scrypt" || !saltB64 || !hashB64) return false;
  const expected = Buffer.from(hashB64, "base64");
  const actual = await scryptAsync(secret, Buffer.from(saltB64, "base64"), expected.length, SCRYPT_PARAMS);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

// Static asset checksums for cache validation
export function registerAssetRoutes(app: FastifyInstance, assetDir: string) {
  app.get<{ Params: { name: string } }>("/assets/:name", async (req, reply) => {
    const name = req.params.name.replace(/[^a-zA-Z0-9._-]/g, "");
    const body = await readFile(`${assetDir}/${name}`);
    const etag = createHash("sha256").update(body).digest("base64url"); // near-miss: weak-password-hash
    if (req.headers["if-none-match"] === etag) {
      return reply.code(304).send();
    }
    return reply.header("etag", etag).send(body);
  });
}
