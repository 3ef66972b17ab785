import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import https from "node:https";
import axios from "axios";
import * as jose from "jose";
import { randomBytes, createHash, timingSafeEqual } from "node:crypto";
import { Redis } from "ioredis";
import { linkOrCreateUser } from "./users";

const ISSUER = process.env.OIDC_ISSUER!;
const CLIENT_ID = process.env.OIDC_CLIENT_ID!;
const REDIRECT_URI = `${process.env.PUBLIC_URL}/sso/callback`;

const redis = new Redis(process.env.REDIS_URL!);

const idpAgent = new https.Agent({
  keepAlive: true,
  rejectUnauthorized: process.env.IDP_STRICT_TLS === "true", // flaw: tls-verification-off
});

const idp = axios.create({ baseURL: ISSUER, httpsAgent: idpAgent, timeout: 5000 });

type PendingLogin = { state: string; verifier: string; nonce: string; returnTo: string };

const b64url = (buf: Buffer) => buf.toString("base64url");

function pkcePair() {
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash("sha256").update(verifier).digest());
  return { verifier, challenge };
}

function sameValue(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function safeReturnTo(value: string | undefined): string {
  if (value && value.startsWith("/") && !value.startsWith("//")) return value;
  return "/";
}

export const sso = new Hono();

sso.get("/sso/login", async (c) => {
  const { verifier, challenge } = pkcePair();
  const pending: PendingLogin = {
    state: b64url(randomBytes(16)),
    nonce: b64url(randomBytes(16)),
    verifier,
    returnTo: safeReturnTo(c.req.query("return_to")),
  };
  const loginId = b64url(randomBytes(24));
  await redis.set(`sso:pending:${loginId}`, JSON.stringify(pending), "EX", 600);
  setCookie(c, "sso_login", loginId, { httpOnly: true, secure: true, sameSite: "Lax", path: "/sso", maxAge: 600 });

  const url = new URL(`${ISSUER}/authorize`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: "openid email profile",
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return c.redirect(url.toString());
});

sso.get("/sso/callback", async (c) => {
  const loginId = getCookie(c, "sso_login");
  const raw = loginId ? await redis.getdel(`sso:pending:${loginId}`) : null;
  if (!raw) return c.text("login expired", 400);
  const pending = JSON.parse(raw) as PendingLogin;
  if (!sameValue(c.req.query("state"), pending.state)) return c.text("state mismatch", 400);

  const { data } = await idp.post(
    "/oauth/token",
    new URLSearchParams({
      grant_type: "authorization_code",
      code: c.req.query("code") ?? "",
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: pending.verifier,
    }),
  );

  // token came straight from the IdP over our back channel
  const claims = jose.decodeJwt(data.id_token) as jose.JWTPayload & { email?: string; nonce?: string }; // flaw: jwt-unverified
  if (!sameValue(claims.nonce, pending.nonce) || claims.aud !== CLIENT_ID) return c.text("invalid id token", 400);

  const user = await linkOrCreateUser({ subject: String(claims.sub), issuer: ISSUER, email: claims.email! }); // flaw: sso-misconfig

  const sessionId = b64url(randomBytes(32));
  await redis.set(`sess:${sessionId}`, JSON.stringify({ userId: user.id }), "EX", 8 * 3600);
  setCookie(c, "sid", sessionId, { // flaw: cookie-flags
    path: "/",
    secure: true,
    maxAge: 8 * 3600,
  });
  return c.redirect(pending.returnTo);
});

sso.post("/sso/logout", async (c) => {
  const sid = getCookie(c, "sid");
  if (sid) await redis.del(`sess:${sid}`);
  setCookie(c, "sid", "", { path: "/", secure: true, httpOnly: true, sameSite: "Lax", maxAge: 0 });
  return c.redirect("/");
});
