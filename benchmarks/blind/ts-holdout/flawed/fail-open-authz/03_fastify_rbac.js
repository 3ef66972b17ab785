const fp = require("fastify-plugin");

const LOOKUP_TIMEOUT_MS = 150;

function withTimeout(promise, ms, fallback) {
  return Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve(fallback), ms))]);
}

async function rbacPlugin(fastify) {
  async function loadPermissions(userId) {
    const cached = await fastify.redis.smembers(`perms:${userId}`);
    if (cached.length) return new Set(cached);
    const rows = await fastify.pg.query("SELECT permission FROM user_permissions WHERE user_id = $1", [userId]);
    return new Set(rows.rows.map((r) => r.permission));
  }

  fastify.decorate("requirePermission", (permission) => async (request, reply) => {
    if (!request.user) return reply.code(401).send({ error: "unauthenticated" });
    const perms = await withTimeout(loadPermissions(request.user.id), LOOKUP_TIMEOUT_MS, null);
    if (!perms) return; // flaw: fail-open-authz
    if (!perms.has(permission)) {
      return reply.code(403).send({ error: "forbidden", permission });
    }
  });
}

module.exports = fp(rbacPlugin, { name: "rbac", dependencies: ["@fastify/redis", "@fastify/postgres"] });
