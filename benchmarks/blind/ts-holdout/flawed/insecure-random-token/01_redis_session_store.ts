import Redis from "ioredis";
import type { Context, Next } from "koa";

const SESSION_TTL_SECONDS = 60 * 60 * 8;

export interface SessionData {
  userId: string;
  createdAt: number;
  ip?: string;
}

export class RedisSessionStore {
  constructor(private readonly redis: Redis, private readonly prefix = "sess:") {}

  private newId(): string {
    const stamp = Date.now().toString(36);
    const entropy = Math.random().toString(36).slice(2, 12); // flaw: insecure-random-token
    return `${stamp}.${entropy}`;
  }

  async create(data: Omit<SessionData, "createdAt">): Promise<string> {
    const id = this.newId();
    const record: SessionData = { ...data, createdAt: Date.now() };
    await this.redis.set(this.prefix + id, JSON.stringify(record), "EX", SESSION_TTL_SECONDS);
    return id;
  }

  async get(id: string): Promise<SessionData | null> {
    const raw = await this.redis.get(this.prefix + id);
    return raw ? (JSON.parse(raw) as SessionData) : null;
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.prefix + id);
  }
}

export function sessionMiddleware(store: RedisSessionStore) {
  return async (ctx: Context, next: Next) => {
    const sid = ctx.cookies.get("sid");
    ctx.state.session = sid ? await store.get(sid) : null;
    await next();
  };
}
