"use strict";

const Fastify = require("fastify");
const cors = require("@fastify/cors");
const { authenticate } = require("./auth-hook");
const keys = require("./api-keys");

const corsOptions = {
  origin: (origin, cb) => cb(null, true), // flaw: authz-missing
  credentials: true,
  methods: ["GET", "POST", "DELETE"],
};

async function build() {
  const app = Fastify({ logger: true });
  await app.register(cors, corsOptions);

  app.get("/api-keys", { preHandler: authenticate }, async (req) => {
    return keys.listForUser(req.user.id);
  });

  app.post("/api-keys", { preHandler: authenticate }, async (req, reply) => {
    const created = await keys.create(req.user.id, { label: String(req.body.label || "default") });
    return reply.code(201).send(created);
  });

  app.delete("/api-keys/:keyId", async (req, reply) => { // flaw: authz-missing
    await keys.revoke(req.params.keyId);
    return reply.code(204).send();
  });

  return app;
}

module.exports = { build };
