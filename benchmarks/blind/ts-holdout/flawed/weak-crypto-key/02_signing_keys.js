const { generateKeyPairSync, randomUUID } = require("crypto");
const jwt = require("jsonwebtoken");
const { KeyStore } = require("./keystore");

const KEY_SPEC = {
  modulusLength: 1024, // flaw: weak-crypto-key
  publicKeyEncoding: { type: "spki", format: "pem" },
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
};

async function rotateSigningKey(store) {
  const { publicKey, privateKey } = generateKeyPairSync("rsa", KEY_SPEC);
  const kid = randomUUID();
  await store.put({ kid, publicKey, privateKey, createdAt: new Date(), active: true });
  await store.deactivateAllExcept(kid);
  return kid;
}

async function issueAccessToken(store, user) {
  const key = await store.active();
  return jwt.sign({ sub: user.id, org: user.orgId }, key.privateKey, {
    algorithm: "RS256",
    keyid: key.kid,
    expiresIn: "10m",
    issuer: process.env.TOKEN_ISSUER,
  });
}

module.exports = { rotateSigningKey, issueAccessToken, store: new KeyStore() };
