"use strict";

const Fastify = require("fastify");
const cors = require("@fastify/cors");
const { authenticate } = require("./auth-hook");
const keys = require("./api-keys");

const ALLOWED_ORIGINS = new Set(["https://app.example.com", "https://admin.example.com"]);

async function build() {
  const app = Fastify({ logger: true });
  await app.register(cors, {
    origin: (origin, cb) => cb(null, !origin || ALLOWED_ORIGINS.has(origin)), // near-miss: authz-missing
    credentials: true,
  });

  app.addHook("preHandler", authenticate);

  app.get("/api-keys", async (req) => keys.listForUser(req.user.id));

  app.delete("/api-keys/:keyId", async (req, reply) => {
    const key = await keys.find(req.params.keyId);
    if (!key || key.userId !== req.user.id) {
      return reply.code(404).send({ error: "not found" });
    }
    await keys.revoke(key.id);
    return reply.code(204).send();
  });

  return app;
}

module.exports = { build };
