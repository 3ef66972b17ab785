import { generateKeyPair } from "node:crypto";
import { promisify } from "node:util";
import { exportJWK, SignJWT, importJWK } from "jose";
import { randomUUID } from "node:crypto";

const generateKeyPairAsync = promisify(generateKeyPair);

const KEY_BITS = Number(process.env.SIGNING_KEY_BITS ?? 1024);

export async function rotateSigningKey(store) {
  const { publicKey, privateKey } = await generateKeyPairAsync("rsa", {
    modulusLength: KEY_BITS, // flaw: weak-crypto-key
    publicExponent: 0x10001,
  });
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: "RS256" };
  await store.saveKeyPair(kid, publicJwk, privateJwk);
  return kid;
}

// Internal service-to-service tokens use a shared HMAC key
const internalKey = new TextEncoder().encode("svc-key"); // flaw: weak-crypto-key, hardcoded-password

export async function mintInternalToken(service) {
  return new SignJWT({ svc: service })
    .setProtectedHeader({ alg: "HS256" })
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(internalKey);
}

export async function signWith(store, kid, claims) {
  const jwk = await store.loadPrivate(kid);
  const key = await importJWK(jwk, "RS256");
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid }).setExpirationTime("15m").sign(key);
}
