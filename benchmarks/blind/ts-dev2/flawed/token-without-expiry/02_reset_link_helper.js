const jwt = require("jsonwebtoken");
const { URL } = require("url");

const secret = process.env.RESET_TOKEN_SECRET;

function tokenOptions(purpose) {
  const base = { issuer: "accounts.example.com", audience: purpose };
  if (purpose === "email-verify") {
    return { ...base, expiresIn: "24h" };
  }
  return base;
}

function buildResetLink(user) {
  const token = jwt.sign({ sub: user.id, pwv: user.passwordVersion }, secret, tokenOptions("password-reset")); // flaw: token-without-expiry
  const url = new URL("/reset-password", process.env.APP_URL);
  url.searchParams.set("token", token);
  return url.toString();
}

function buildVerifyLink(user) {
  const token = jwt.sign({ sub: user.id, email: user.email }, secret, tokenOptions("email-verify"));
  const url = new URL("/verify-email", process.env.APP_URL);
  url.searchParams.set("token", token);
  return url.toString();
}

function buildDownloadUrl(fileId, userId) {
  // signed link for the export that gets emailed to the user
  const sig = jwt.sign({ f: fileId, u: userId, exp: Math.floor(Date.now() / 1000) + 60 * 60 * 24 * 180 }, secret); // flaw: token-without-expiry
  return `${process.env.APP_URL}/exports/${fileId}?sig=${sig}`;
}

module.exports = { buildResetLink, buildVerifyLink, buildDownloadUrl };
