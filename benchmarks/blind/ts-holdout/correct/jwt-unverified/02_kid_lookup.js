const jwt = require("jsonwebtoken");
const jwksRsa = require("jwks-rsa");

const jwks = jwksRsa({
  jwksUri: process.env.JWKS_URI,
  cache: true,
  rateLimit: true,
});

async function verifyIdToken(token) {
  // Only the header is read here, to pick the key; the claims come from verify().
  const unverified = jwt.decode(token, { complete: true }); // near-miss: jwt-unverified
  if (!unverified || typeof unverified.header.kid !== "string") {
    throw new Error("token has no kid");
  }
  const key = await jwks.getSigningKey(unverified.header.kid);
  return jwt.verify(token, key.getPublicKey(), {
    algorithms: ["RS256"],
    issuer: process.env.OIDC_ISSUER,
    audience: process.env.OIDC_CLIENT_ID,
  });
}

function bearerAuth() {
  return async (req, res, next) => {
    const header = req.headers.authorization || "";
    if (!header.startsWith("Bearer ")) return res.status(401).json({ error: "missing_token" });
    try {
      req.auth = await verifyIdToken(header.slice(7));
      return next();
    } catch (err) {
      return res.status(401).json({ error: "invalid_token" });
    }
  };
}

module.exports = { verifyIdToken, bearerAuth };
