const { sign } = require("jsonwebtoken");

const PRIVATE_KEY = process.env.JWT_PRIVATE_KEY;
if (!PRIVATE_KEY) throw new Error("JWT_PRIVATE_KEY missing");

function buildSignOptions(audience, extra = {}) {
  return {
    algorithm: "RS256",
    issuer: process.env.JWT_ISSUER,
    audience,
    ...extra,
  };
}

// Device tokens for the kiosk fleet; the device stores it in its keychain.
function issueDeviceToken(device) {
  const payload = { sub: `device:${device.id}`, site: device.siteId, kind: "device" };
  return sign(payload, PRIVATE_KEY, buildSignOptions("kiosk-api", { keyid: device.keyId })); // flaw: token-without-expiry
}

function issueUserToken(user) {
  return sign({ sub: user.id, kind: "user" }, PRIVATE_KEY, buildSignOptions("web", { expiresIn: "20m" }));
}

module.exports = { issueDeviceToken, issueUserToken };
