const jwt = require("jsonwebtoken");

const secret = process.env.JWT_SECRET;
if (!secret) throw new Error("JWT_SECRET is required");

const DEFAULT_TTL = "1h";

function signOptions(audience, ttl = DEFAULT_TTL) {
  return { algorithm: "HS256", audience, issuer: "auth-service", expiresIn: ttl };
}

function issueSessionToken(user) {
  return jwt.sign({ sub: user.id }, secret, signOptions("web")); // near-miss: token-without-expiry
}

function issueDownloadToken(userId, fileId) {
  return jwt.sign({ sub: userId, fileId }, secret, signOptions("downloads", "5m"));
}

function verifyDownloadToken(token, fileId) {
  const claims = jwt.verify(token, secret, { algorithms: ["HS256"], audience: "downloads", issuer: "auth-service" });
  if (claims.fileId !== fileId) throw new Error("token is for a different file");
  return claims.sub;
}

module.exports = { issueSessionToken, issueDownloadToken, verifyDownloadToken };
