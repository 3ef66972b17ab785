const jwt = require("jsonwebtoken");
const jwksRsa = require("jwks-rsa");

const issuers = {
  [process.env.INTERNAL_ISSUER]: { secret: process.env.INTERNAL_HS_SECRET },
  [process.env.PARTNER_ISSUER]: { jwks: jwksRsa({ jwksUri: process.env.PARTNER_JWKS_URI, cache: true }) },
};

async function keyFor(decoded) {
  const entry = issuers[decoded.payload.iss];
  if (!entry) throw new Error("unknown issuer");
  if (entry.secret) return entry.secret;
  const signingKey = await entry.jwks.getSigningKey(decoded.header.kid);
  return signingKey.getPublicKey();
}

function requireToken() {
  return async (req, res, next) => {
    try {
      const raw = (req.headers.authorization || "").replace(/^Bearer\s+/i, "");
      const decoded = jwt.decode(raw, { complete: true });
      if (!decoded) return res.status(401).json({ error: "invalid_token" });
      const key = await keyFor(decoded);
      req.auth = jwt.verify(raw, key, {
        algorithms: [decoded.header.alg], // flaw: jwt-unverified
        issuer: decoded.payload.iss,
      });
      next();
    } catch (err) {
      res.status(401).json({ error: "invalid_token" });
    }
  };
}

module.exports = { requireToken };
