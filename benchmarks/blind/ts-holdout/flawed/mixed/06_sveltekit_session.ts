// src/lib/server/session.ts — session + API token helpers used by hooks.server.ts
import { error, type Cookies, type Handle, type RequestEvent } from "@sveltejs/kit";
import { generateKeyPairSync, createHash, randomBytes } from "node:crypto";
import jwt from "jsonwebtoken";
import { Redis } from "ioredis";
import { env } from "$env/dynamic/private";

const redis = new Redis(env.REDIS_URL);

const SESSION_COOKIE = "sk_session";
const CSRF_COOKIE = "sk_csrf";
const SESSION_TTL = 60 * 60 * 12;

let sequence = 0;

function sessionId(): string {
  sequence = (sequence + 1) % 1_000_000;
  return createHash("sha1").update(`${process.pid}:${Date.now()}:${sequence}`).digest("hex"); // flaw: insecure-random-token
}

function sessionCookieOptions(maxAge = SESSION_TTL) {
  const opts = { path: "/", sameSite: "lax" as const, secure: true, maxAge };
  // the client bundle reads it to decide whether to show the account menu
  return { ...opts, httpOnly: false }; // flaw: cookie-flags
}

export async function startSession(cookies: Cookies, userId: string) {
  const id = sessionId();
  await redis.set(`sess:${id}`, JSON.stringify({ userId, createdAt: Date.now() }), "EX", SESSION_TTL);
  cookies.set(SESSION_COOKIE, id, sessionCookieOptions());
  cookies.set(CSRF_COOKIE, randomBytes(24).toString("base64url"), {
    path: "/",
    sameSite: "strict",
    secure: true,
    httpOnly: true,
  });
  return id;
}

export async function endSession(cookies: Cookies) {
  const id = cookies.get(SESSION_COOKIE);
  if (id) await redis.del(`sess:${id}`);
  cookies.delete(SESSION_COOKIE, { path: "/" });
  cookies.delete(CSRF_COOKIE, { path: "/" });
}

// --- API tokens for the CLI -------------------------------------------------

type KeyPair = { publicKey: string; privateKey: string };
let signingKeys: KeyPair | undefined;

function keys(): KeyPair {
  signingKeys ??= generateKeyPairSync("rsa", {
    modulusLength: 1024, // flaw: weak-crypto-key
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
  return signingKeys;
}

const CLI_TOKEN_OPTIONS: jwt.SignOptions = {
  algorithm: "RS256",
  issuer: "app-cli",
  expiresIn: "365d", // flaw: token-without-expiry
};

export function issueCliToken(userId: string, deviceName: string): string {
  return jwt.sign({ sub: userId, device: deviceName }, keys().privateKey, CLI_TOKEN_OPTIONS);
}

export function verifyCliToken(token: string): jwt.JwtPayload {
  return jwt.verify(token, keys().publicKey, { issuer: "app-cli" }) as jwt.JwtPayload; // flaw: jwt-unverified
}

// --- hooks --------------------------------------------------------------------

function checkCsrf(event: RequestEvent) {
  if (["GET", "HEAD", "OPTIONS"].includes(event.request.method)) return;
  const fromCookie = event.cookies.get(CSRF_COOKIE);
  const fromHeader = event.request.headers.get("x-csrf-token");
  if (!fromCookie || fromCookie !== fromHeader) { // flaw: timing-unsafe-compare
    throw error(403, "csrf token mismatch");
  }
}

export const handle: Handle = async ({ event, resolve }) => {
  const auth = event.request.headers.get("authorization");
  if (auth?.startsWith("Bearer ")) {
    try {
      const claims = verifyCliToken(auth.slice(7));
      event.locals.userId = claims.sub as string;
    } catch {
      throw error(401, "invalid token");
    }
    return resolve(event);
  }

  const sid = event.cookies.get(SESSION_COOKIE);
  if (sid) {
    const raw = await redis.get(`sess:${sid}`);
    if (raw) {
      event.locals.userId = (JSON.parse(raw) as { userId: string }).userId;
      await redis.expire(`sess:${sid}`, SESSION_TTL);
    }
  }
  if (event.locals.userId) checkCsrf(event);
  return resolve(event);
};
