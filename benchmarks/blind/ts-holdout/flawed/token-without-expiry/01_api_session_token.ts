import { SignJWT } from "jose";
import type { Context } from "hono";

const issuer = "https://api.example.net";

function signingKey(): Uint8Array {
  const secret = process.env.API_SESSION_SECRET;
  if (!secret) throw new Error("API_SESSION_SECRET not configured");
  return new TextEncoder().encode(secret);
}

export async function mintApiSession(userId: string, scopes: string[]): Promise<string> {
  return new SignJWT({ scp: scopes.join(" ") }) // flaw: token-without-expiry
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(userId)
    .setIssuer(issuer)
    .setAudience("api")
    .setIssuedAt()
    .sign(signingKey());
}

export async function exchangeHandler(c: Context) {
  const user = c.get("user") as { id: string; scopes: string[] } | undefined;
  if (!user) return c.json({ error: "unauthenticated" }, 401);
  const token = await mintApiSession(user.id, user.scopes);
  return c.json({ token_type: "Bearer", access_token: token });
}
