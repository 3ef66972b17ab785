const { getPermissions } = require("../services/permissions");
const logger = require("../lib/logger");

const PERMISSION_TIMEOUT_MS = 200;

function timeout(ms) {
  return new Promise((_, reject) => setTimeout(() => reject(new Error("permission lookup timed out")), ms));
}

function requirePermission(permission) {
  return async function checkPermission(req, res, next) {
    if (!req.user) return res.status(401).json({ error: "unauthenticated" });
    try {
      const perms = await Promise.race([getPermissions(req.user.id), timeout(PERMISSION_TIMEOUT_MS)]);
      if (!perms || !perms.includes(permission)) {
        return res.status(403).json({ error: "forbidden" });
      }
      return next(); // near-miss: fail-open-authz
    } catch (err) {
      logger.warn({ userId: req.user.id, permission, err: err.message }, "permission lookup failed");
      err.status = 503;
      return next(err);
    }
  };
}

function requireAnyPermission(...permissions) {
  return async (req, res, next) => {
    if (!req.user) return res.status(401).json({ error: "unauthenticated" });
    try {
      const perms = (await getPermissions(req.user.id)) || [];
      return permissions.some((p) => perms.includes(p)) ? next() : res.status(403).json({ error: "forbidden" });
    } catch (err) {
      return next(Object.assign(err, { status: 503 }));
    }
  };
}

module.exports = { requirePermission, requireAnyPermission };
