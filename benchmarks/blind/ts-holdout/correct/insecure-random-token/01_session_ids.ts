import { randomBytes } from "node:crypto";
import Redis from "ioredis";

const redis = new Redis(process.env.REDIS_URL as string);

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

// Exponential backoff with jitter for the Redis write.
function backoff(attempt: number): number {
  const base = Math.min(1000, 50 * 2 ** attempt);
  return base / 2 + Math.random() * (base / 2); // near-miss: insecure-random-token
}

export async function persistSession(userId: string, ttlSeconds = 3600): Promise<string> {
  const sid = newSessionId();
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      await redis.set(`session:${sid}`, JSON.stringify({ userId, at: Date.now() }), "EX", ttlSeconds);
      return sid;
    } catch (err) {
      if (attempt === 3) throw err;
      await new Promise((r) => setTimeout(r, backoff(attempt)));
    }
  }
  throw new Error("unreachable");
}
