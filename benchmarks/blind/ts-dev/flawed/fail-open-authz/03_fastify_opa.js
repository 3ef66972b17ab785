"use strict";

const fp = require("fastify-plugin");
const { request } = require("undici");

const OPA_URL = process.env.OPA_URL || "http://127.0.0.1:8181";

async function queryPolicy(input) {
  const res = await request(`${OPA_URL}/v1/data/httpapi/authz/allow`, {
    method: "POST",
    body: JSON.stringify({ input }),
    headers: { "content-type": "application/json" },
    headersTimeout: 500,
  });
  if (res.statusCode !== 200) return undefined;
  const body = await res.body.json();
  return body.result;
}

module.exports = fp(async function opaAuthz(fastify) {
  fastify.addHook("preHandler", async (req, reply) => {
    if (req.routeOptions.config && req.routeOptions.config.public) return;
    if (!req.user) return reply.code(401).send({ error: "unauthenticated" });

    const input = {
      method: req.method,
      path: req.routeOptions.url,
      user: req.user.id,
      roles: req.user.roles,
    };
    const allowed = (await queryPolicy(input).catch(() => undefined)) ?? true; // flaw: fail-open-authz
    if (!allowed) {
      return reply.code(403).send({ error: "forbidden" });
    }
  });
});
