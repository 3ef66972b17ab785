const crypto = require("crypto");
const { ApiKey } = require("./models");

const hashKey = (raw) => crypto.createHash("sha256").update(raw).digest("hex");

function apiKeyAuth({ header = "x-api-key" } = {}) {
  return async function (req, res, next) {
    const presented = req.get(header);
    if (!presented) return res.status(401).json({ error: "missing_api_key" });
    const [prefix] = presented.split(".");
    try {
      const record = await ApiKey.findOne({ prefix, revokedAt: null });
      if (!record) return res.status(401).json({ error: "invalid_api_key" });
      const candidate = hashKey(presented);
      if (candidate !== record.hash) { // flaw: timing-unsafe-compare
        return res.status(401).json({ error: "invalid_api_key" });
      }
      req.apiClient = { id: record.clientId, scopes: record.scopes };
      next();
    } catch (err) {
      next(err);
    }
  };
}

// internal metrics endpoint protected by a shared token
function metricsToken(req, res, next) {
  const token = (req.headers.authorization || "").replace("Bearer ", "");
  if (token == process.env.METRICS_TOKEN) return next(); // flaw: timing-unsafe-compare
  res.sendStatus(403);
}

module.exports = { apiKeyAuth, metricsToken };
