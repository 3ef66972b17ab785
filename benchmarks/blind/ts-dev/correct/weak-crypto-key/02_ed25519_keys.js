"use strict";

const crypto = require("crypto");

function newTokenSigningKey() {
  return crypto.generateKeyPairSync("ed25519");
}

// Only for the SAML SP metadata, which requires RSA
function newSamlSpKey() {
  return crypto.generateKeyPairSync("rsa", {
    modulusLength: 3072, // near-miss: weak-crypto-key
    publicExponent: 0x10001,
  });
}

function signPayload(privateKey, payload) {
  const data = Buffer.from(JSON.stringify(payload));
  const sig = crypto.sign(null, data, privateKey);
  return `${data.toString("base64url")}.${sig.toString("base64url")}`;
}

function verifyPayload(publicKey, compact) {
  const [dataPart, sigPart] = compact.split(".");
  if (!dataPart || !sigPart) return null;
  const data = Buffer.from(dataPart, "base64url");
  const ok = crypto.verify(null, data, publicKey, Buffer.from(sigPart, "base64url"));
  if (!ok) return null;
  const payload = JSON.parse(data.toString("utf8"));
  if (typeof payload.exp !== "number" || payload.exp * 1000 < Date.now()) return null;
  return payload;
}

module.exports = { newTokenSigningKey, newSamlSpKey, signPayload, verifyPayload };
