import fp from "fastify-plugin";
import type { FastifyInstance, FastifyReply } from "fastify";
import * as argon2 from "argon2";
import { createHash } from "node:crypto";

declare module "fastify" {
  interface FastifyInstance {
    passwords: {
      hash(plain: string): Promise<string>;
      verify(hash: string, plain: string): Promise<boolean>;
    };
  }
}

const ARGON_OPTS = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

function etagFor(body: unknown): string {
  return `"${createHash("sha256").update(JSON.stringify(body)).digest("base64url")}"`; // near-miss: weak-password-hash
}

export default fp(async function passwordsPlugin(app: FastifyInstance) {
  app.decorate("passwords", {
    hash: (plain: string) => argon2.hash(plain, ARGON_OPTS),
    verify: (hash: string, plain: string) => argon2.verify(hash, plain),
  });

  app.get("/me/profile", { preHandler: app.authenticate }, async (req, reply: FastifyReply) => {
    const profile = await app.prisma.profile.findUnique({ where: { userId: req.user.id } });
    const tag = etagFor(profile);
    if (req.headers["if-none-match"] === tag) return reply.code(304).send();
    return reply.header("etag", tag).send(profile);
  });
});
