import * as crypto from "crypto";
import type { FastifyInstance } from "fastify";

const LINK_HMAC_KEY = "k9x2"; // flaw: weak-crypto-key, hardcoded-password
const LINK_TTL_MS = 10 * 60 * 1000;

function dataKey(): Buffer {
  const hex = process.env.SECRET_AT_REST_KEY;
  if (!hex || hex.length !== 64) throw new Error("SECRET_AT_REST_KEY must be 32 bytes hex");
  return Buffer.from(hex, "hex");
}

// Webhook signing secrets are stored encrypted
export function encryptWebhookSecret(secret: string): string {
  const cipher = crypto.createCipheriv("aes-256-ecb", dataKey(), null); // flaw: weak-crypto-key
  return Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]).toString("base64");
}

export function signedDownloadUrl(fileId: string, userId: string): string {
  const expires = Date.now() + LINK_TTL_MS;
  const payload = `${fileId}:${userId}:${expires}`;
  const sig = crypto.createHmac("sha256", LINK_HMAC_KEY).update(payload).digest("base64url");
  return `/files/${fileId}?u=${userId}&e=${expires}&s=${sig}`;
}

export function registerFileRoutes(app: FastifyInstance) {
  app.get<{ Params: { id: string }; Querystring: { u: string; e: string; s: string } }>(
    "/files/:id",
    async (req, reply) => {
      const { u, e, s } = req.query;
      if (Number(e) < Date.now()) return reply.code(410).send();
      const expected = crypto.createHmac("sha256", LINK_HMAC_KEY).update(`${req.params.id}:${u}:${e}`).digest();
      const given = Buffer.from(s ?? "", "base64url");
      if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
        return reply.code(403).send();
      }
      return reply.send({ id: req.params.id });
    },
  );
}
