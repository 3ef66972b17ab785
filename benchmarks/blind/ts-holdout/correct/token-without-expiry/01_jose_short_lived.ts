import { SignJWT, importPKCS8 } from "jose";

const ALG = "ES256";
let keyPromise: ReturnType<typeof importPKCS8> | undefined;

function key() {
  const pem = process.env.TOKEN_SIGNING_KEY;
  if (!pem) throw new Error("TOKEN_SIGNING_KEY missing");
  keyPromise ??= importPKCS8(pem, ALG);
  return keyPromise;
}

export async function mintAccessToken(userId: string, scopes: string[]) {
  return new SignJWT({ scope: scopes.join(" ") })
    .setProtectedHeader({ alg: ALG })
    .setSubject(userId)
    .setIssuer(process.env.TOKEN_ISSUER!)
    .setAudience("api")
    .setIssuedAt()
    .setExpirationTime("15m")
    .sign(await key());
}

export async function mintEmailChangeToken(userId: string, newEmail: string) {
  return new SignJWT({ email: newEmail, purpose: "email-change" })
    .setProtectedHeader({ alg: ALG })
    .setSubject(userId)
    .setIssuedAt()
    .setExpirationTime("30m")
    .sign(await key());
}
