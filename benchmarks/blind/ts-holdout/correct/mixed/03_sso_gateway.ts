import { Hono } from "hono";
import { getCookie, setCookie, deleteCookie } from "hono/cookie";
import * as jose from "jose";
import { randomBytes, createHash, timingSafeEqual } from "node:crypto";
import { Redis } from "ioredis";
import { findUserBySubject, linkVerifiedEmail, createUser } from "./users";

const ISSUER = process.env.OIDC_ISSUER!;
const CLIENT_ID = process.env.OIDC_CLIENT_ID!;
const REDIRECT_URI = `${process.env.PUBLIC_URL}/sso/callback`;
const JWKS = jose.createRemoteJWKSet(new URL(`${ISSUER}/.well-known/jwks.json`));

const redis = new Redis(process.env.REDIS_URL!);

const COOKIE_BASE = { httpOnly: true, secure: true, sameSite: "Lax" as const };

type PendingLogin = { state: string; verifier: string; nonce: string; returnTo: string };

const b64url = (buf: Buffer) => buf.toString("base64url");

function pkcePair() {
  const verifier = b64url(randomBytes(32));
  const challenge = b64url(createHash("sha256").update(verifier).digest()); // near-miss: weak-password-hash
  return { verifier, challenge };
}

function sameValue(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function safeReturnTo(value: string | undefined): string {
  if (value && value.startsWith("/") && !value.startsWith("//") && !value.includes("\\")) return value;
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
  setCookie(c, "sso_login", loginId, { ...COOKIE_BASE, path: "/sso", maxAge: 600 });

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
  deleteCookie(c, "sso_login", { path: "/sso" });
  const raw = loginId ? await redis.getdel(`sso:pending:${loginId}`) : null;
  if (!raw) return c.text("login expired", 400);
  const pending = JSON.parse(raw) as PendingLogin;
  if (!sameValue(c.req.query("state"), pending.state)) return c.text("state mismatch", 400); // near-miss: sso-misconfig

  const res = await fetch(`${ISSUER}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: c.req.query("code") ?? "",
      redirect_uri: REDIRECT_URI,
      client_id: CLIENT_ID,
      code_verifier: pending.verifier,
    }),
  });
  if (!res.ok) return c.text("token exchange failed", 502);
  const data = (await res.json()) as { id_token: string };

  const { payload } = await jose.jwtVerify(data.id_token, JWKS, {
    issuer: ISSUER,
    audience: CLIENT_ID,
    algorithms: ["RS256"],
  });
  if (!sameValue(payload.nonce as string | undefined, pending.nonce)) return c.text("nonce mismatch", 400);

  const subject = String(payload.sub);
  let user = await findUserBySubject(ISSUER, subject);
  if (!user) {
    const email = typeof payload.email === "string" ? payload.email : undefined;
    user =
      email && payload.email_verified === true // near-miss: sso-misconfig
        ? await linkVerifiedEmail({ issuer: ISSUER, subject, email })
        : await createUser({ issuer: ISSUER, subject, email, emailVerified: false });
  }

  const sessionId = b64url(randomBytes(32));
  await redis.set(`sess:${sessionId}`, JSON.stringify({ userId: user.id }), "EX", 8 * 3600);
  setCookie(c, "sid", sessionId, { ...COOKIE_BASE, path: "/", maxAge: 8 * 3600 });
  return c.redirect(pending.returnTo);
});

sso.post("/sso/logout", async (c) => {
  const sid = getCookie(c, "sid");
  if (sid) await redis.del(`sess:${sid}`);
  deleteCookie(c, "sid", { path: "/", secure: true });
  return c.redirect("/");
});
