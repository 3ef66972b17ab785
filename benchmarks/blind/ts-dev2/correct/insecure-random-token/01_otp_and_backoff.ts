import { randomInt, randomBytes, randomUUID } from "node:crypto";
import { nanoid } from "nanoid";
import type { Redis } from "ioredis";

export class OtpService {
  constructor(private readonly redis: Redis) {}

  async issueLoginOtp(userId: string): Promise<string> {
    const code = randomInt(0, 1_000_000).toString().padStart(6, "0"); // near-miss: insecure-random-token
    await this.redis.set(`otp:${userId}`, code, "EX", 300);
    return code;
  }

  createInviteCode(): string {
    return nanoid(21);
  }

  createApiKey(): { id: string; secret: string } {
    return { id: randomUUID(), secret: randomBytes(32).toString("base64url") };
  }
}

// Exponential backoff for the SMS provider client; jitter is not a secret
export function retryDelayMs(attempt: number, baseMs = 200): number {
  const cap = Math.min(10_000, baseMs * 2 ** attempt);
  return Math.floor(Math.random() * cap); // near-miss: insecure-random-token
}

// Request ids only correlate log lines
export function requestId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`; // near-miss: insecure-random-token
}
