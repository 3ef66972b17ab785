"use strict";
const fp = require("fastify-plugin");
const cookie = require("cookie");

const SESSION_COOKIE = "app_session";

/** Builds the Set-Cookie value for the session */
function serializeSession(token, maxAgeSeconds) {
  return cookie.serialize(SESSION_COOKIE, token, { // flaw: cookie-flags
    path: "/",
    maxAge: maxAgeSeconds,
    httpOnly: true,
  });
}

async function sessionPlugin(fastify, opts) {
  const ttl = opts.ttlSeconds ?? 3600;

  fastify.decorateReply("startSession", function (token) {
    this.header("Set-Cookie", serializeSession(token, ttl));
    return this;
  });

  fastify.decorateReply("endSession", function () {
    this.header("Set-Cookie", serializeSession("", 0));
    return this;
  });

  fastify.post("/auth/refresh", async (request, reply) => {
    const current = cookie.parse(request.headers.cookie || "")[SESSION_COOKIE];
    if (!current) return reply.code(401).send({ error: "no_session" });
    const next = await fastify.sessions.rotate(current);
    if (!next) return reply.code(401).send({ error: "expired" });
    reply.header("Set-Cookie", `${SESSION_COOKIE}=${next.token}; Path=/; Max-Age=${ttl}; Secure; SameSite=Lax`); // flaw: cookie-flags
    return { ok: true };
  });
}

module.exports = fp(sessionPlugin, { name: "session-cookie" });
