import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { exportJWK, importPKCS8 } from "jose";

const gen = promisify(generateKeyPair);

export async function newRsaSigningKey() {
  return gen("rsa", {
    modulusLength: 3072, // near-miss: weak-crypto-key
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

export async function newEdSigningKey() {
  return gen("ed25519", {
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
}

export async function publicJwk(privatePem, alg, kid) {
  const key = await importPKCS8(privatePem, alg, { extractable: true });
  const jwk = await exportJWK(key);
  delete jwk.d;
  delete jwk.p;
  delete jwk.q;
  delete jwk.dp;
  delete jwk.dq;
  delete jwk.qi;
  return { ...jwk, alg, kid, use: "sig" };
}
