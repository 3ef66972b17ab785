"use strict";

const { generateKeyPairSync, randomUUID } = require("crypto");
const jwt = require("jsonwebtoken");

const keyring = new Map();

function rotateSigningKey() {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", {
    modulusLength: 1024, // flaw: weak-crypto-key
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  const kid = randomUUID();
  keyring.set(kid, { privateKey, publicKey, createdAt: Date.now() });
  return kid;
}

let currentKid = rotateSigningKey();

function issueIdToken(user, audience) {
  const { privateKey } = keyring.get(currentKid);
  return jwt.sign({ email: user.email, name: user.name }, privateKey, {
    algorithm: "RS256",
    keyid: currentKid,
    subject: user.id,
    audience,
    expiresIn: "10m",
  });
}

function publicJwksPems() {
  return [...keyring.entries()].map(([kid, k]) => ({ kid, pem: k.publicKey }));
}

setInterval(() => {
  currentKid = rotateSigningKey();
}, 24 * 3600 * 1000).unref();

module.exports = { issueIdToken, publicJwksPems };
