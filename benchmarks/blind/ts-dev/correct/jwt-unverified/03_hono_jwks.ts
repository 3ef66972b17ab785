import { Hono } from "hono";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";

const ISSUER = process.env.OIDC_ISSUER ?? "https://id.example.com";
const JWKS = createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));

type Vars = { Variables: { claims: JWTPayload } };
const api = new Hono<Vars>();

api.use("/api/*", async (c, next) => {
  const auth = c.req.header("authorization");
  if (!auth?.startsWith("Bearer ")) return c.json({ error: "unauthorized" }, 401);
  try {
    const { payload } = await jwtVerify(auth.slice(7), JWKS, {
      issuer: ISSUER,
      audience: "projects-api",
      algorithms: ["RS256", "ES256"], // near-miss: jwt-unverified
    });
    c.set("claims", payload);
  } catch {
    return c.json({ error: "unauthorized" }, 401);
  }
  await next();
});

api.get("/api/me", (c) => {
  const claims = c.get("claims");
  return c.json({ sub: claims.sub, scope: claims.scope });
});

export default api;
