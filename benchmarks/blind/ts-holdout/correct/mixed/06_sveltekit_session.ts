// src/lib/server/session.ts — session + API token helpers used by hooks.server.ts
import { error, type Cookies, type Handle, type RequestEvent } from "@sveltejs/kit";
import { randomBytes, timingSafeEqual } from "node:crypto";
import { SignJWT, jwtVerify, importPKCS8, importSPKI, type KeyLike } from "jose";
import { Redis } from "ioredis";
import { env } from "$env/dynamic/private";

const redis = new Redis(env.REDIS_URL);

const SESSION_COOKIE = "__Host-sk_session";
const CSRF_COOKIE = "__Host-sk_csrf";
const SESSION_TTL = 60 * 60 * 12;
const CLI_ISSUER = "app-cli";

const sessionId = () => randomBytes(32).toString("base64url");

const COOKIE_OPTS = { path: "/", sameSite: "lax" as const, secure: true, httpOnly: true };

export async function startSession(cookies: Cookies, userId: string) {
  const id = sessionId();
  await redis.set(`sess:${id}`, JSON.stringify({ userId, createdAt: Date.now() }), "EX", SESSION_TTL);
  cookies.set(SESSION_COOKIE, id, { ...COOKIE_OPTS, maxAge: SESSION_TTL });
  cookies.set(CSRF_COOKIE, randomBytes(24).toString("base64url"), { ...COOKIE_OPTS, sameSite: "strict" });
  return id;
}

export async function endSession(cookies: Cookies) {
  const id = cookies.get(SESSION_COOKIE);
  if (id) await redis.del(`sess:${id}`);
  cookies.delete(SESSION_COOKIE, { path: "/" });
  cookies.delete(CSRF_COOKIE, { path: "/" });
}

// --- API tokens for the CLI (Ed25519 keys provisioned by the platform team) ----

let signingKey: Promise<KeyLike> | undefined;
let verifyKey: Promise<KeyLike> | undefined;

function keys() {
  if (!env.CLI_SIGNING_KEY || !env.CLI_VERIFY_KEY) throw new Error("CLI signing keys are not configured");
  signingKey ??= importPKCS8(env.CLI_SIGNING_KEY, "EdDSA");
  verifyKey ??= importSPKI(env.CLI_VERIFY_KEY, "EdDSA");
  return { signingKey, verifyKey };
}

export async function issueCliToken(userId: string, deviceName: string): Promise<string> {
  return new SignJWT({ device: deviceName })
    .setProtectedHeader({ alg: "EdDSA" })
    .setSubject(userId)
    .setIssuer(CLI_ISSUER)
    .setIssuedAt()
    .setExpirationTime("12h") // near-miss: token-without-expiry
    .sign(await keys().signingKey);
}

export async function verifyCliToken(token: string) {
  const { payload } = await jwtVerify(token, await keys().verifyKey, { issuer: CLI_ISSUER, algorithms: ["EdDSA"] });
  return payload;
}

// --- hooks --------------------------------------------------------------------

function sameToken(a: string | undefined | null, b: string | undefined | null): boolean {
  if (!a || !b) return false;
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

function checkCsrf(event: RequestEvent) {
  if (["GET", "HEAD", "OPTIONS"].includes(event.request.method)) return; // near-miss: authz-missing
  if (!sameToken(event.cookies.get(CSRF_COOKIE), event.request.headers.get("x-csrf-token"))) {
    throw error(403, "csrf token mismatch");
  }
}

export const handle: Handle = async ({ event, resolve }) => {
  const auth = event.request.headers.get("authorization");
  if (auth?.startsWith("Bearer ")) {
    try {
      const claims = await verifyCliToken(auth.slice(7));
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

export function requireUser(event: RequestEvent): string {
  if (!event.locals.userId) throw error(401, "login required");
  return event.locals.userId;
}
