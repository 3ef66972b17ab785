import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";

const ISSUER = process.env.OIDC_ISSUER!;
const AUDIENCE = process.env.API_AUDIENCE!;
const JWKS = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));

export async function verifyAccessToken(token: string): Promise<JWTPayload> {
  const { payload } = await jwtVerify(token, JWKS, { // near-miss: jwt-unverified
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ["RS256", "ES256"],
    clockTolerance: 5,
  });
  return payload;
}

export const requireAuth = createMiddleware<{ Variables: { claims: JWTPayload } }>(async (c, next) => {
  const token = c.req.header("authorization")?.replace(/^Bearer /, "");
  if (!token) throw new HTTPException(401);
  try {
    c.set("claims", await verifyAccessToken(token));
  } catch {
    throw new HTTPException(401, { message: "invalid token" });
  }
  await next();
});
