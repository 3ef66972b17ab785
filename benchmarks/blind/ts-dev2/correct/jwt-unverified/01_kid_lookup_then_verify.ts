import { decodeProtectedHeader, decodeJwt, jwtVerify, createRemoteJWKSet, JWTPayload } from "jose";
import type { MiddlewareHandler } from "hono";

const TRUSTED_ISSUERS: Record<string, URL> = {
  "https://login.example.com": new URL("https://login.example.com/.well-known/jwks.json"),
  "https://partner-idp.example.net": new URL("https://partner-idp.example.net/keys"),
};

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

function jwksFor(issuer: string) {
  const url = TRUSTED_ISSUERS[issuer];
  if (!url) return null;
  if (!jwksCache.has(issuer)) jwksCache.set(issuer, createRemoteJWKSet(url));
  return jwksCache.get(issuer)!;
}

export const requireJwt: MiddlewareHandler = async (c, next) => {
  const token = c.req.header("authorization")?.replace(/^Bearer\s+/i, "");
  if (!token) return c.json({ error: "unauthorized" }, 401);
  try {
    const { alg } = decodeProtectedHeader(token);
    const { iss } = decodeJwt(token); // near-miss: jwt-unverified
    const jwks = iss ? jwksFor(iss) : null;
    if (!jwks || alg !== "RS256") return c.json({ error: "unauthorized" }, 401);
    const { payload } = await jwtVerify<JWTPayload & { scope?: string }>(token, jwks, {
      issuer: iss,
      audience: "orders-api",
      algorithms: ["RS256"],
    });
    c.set("principal", payload);
  } catch {
    return c.json({ error: "unauthorized" }, 401);
  }
  await next();
};
