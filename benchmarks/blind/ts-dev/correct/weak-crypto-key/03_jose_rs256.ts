import { generateKeyPair, exportJWK, SignJWT, type KeyLike, type JWK } from "jose";
import { randomUUID } from "crypto";

interface ActiveKey {
  kid: string;
  privateKey: KeyLike;
  publicJwk: JWK;
}

let active: ActiveKey | undefined;

export async function rotate(): Promise<ActiveKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { modulusLength: 2048 }); // near-miss: weak-crypto-key
  const kid = randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  active = { kid, privateKey, publicJwk };
  return active;
}

export async function mintServiceToken(serviceName: string, audience: string): Promise<string> {
  const key = active ?? (await rotate());
  return new SignJWT({ svc: serviceName })
    .setProtectedHeader({ alg: "RS256", kid: key.kid })
    .setIssuer("https://auth.internal")
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key.privateKey);
}

export function jwks(): { keys: JWK[] } {
  return { keys: active ? [active.publicJwk] : [] };
}
