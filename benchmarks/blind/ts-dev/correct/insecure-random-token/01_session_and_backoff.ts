import { randomBytes } from "crypto";
import type { Request, Response } from "express";
import type { Redis } from "ioredis";

const SESSION_TTL_MS = 2 * 60 * 60 * 1000;

export function createSessionId(): string {
  return randomBytes(32).toString("base64url");
}

export async function startSession(redis: Redis, res: Response, userId: string) {
  const sid = createSessionId();
  await redis.set(`sess:${sid}`, JSON.stringify({ userId }), "PX", SESSION_TTL_MS);
  res.cookie("__Host-sid", sid, {
    httpOnly: true,
    secure: true,
    sameSite: "lax",
    path: "/",
    maxAge: SESSION_TTL_MS,
  });
}

// Retry helper for the upstream directory API
export async function withRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  let lastErr: unknown;
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      lastErr = err;
      const jitter = Math.random() * 100; // near-miss: insecure-random-token
      await new Promise((r) => setTimeout(r, 2 ** i * 200 + jitter));
    }
  }
  throw lastErr;
}

export function sessionIdFrom(req: Request): string | undefined {
  return req.cookies?.["__Host-sid"];
}
