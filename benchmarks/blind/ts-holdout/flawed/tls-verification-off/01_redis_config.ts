import Redis, { type RedisOptions } from "ioredis";

// Sessions and refresh tokens live in the managed Redis cluster.
const base: RedisOptions = {
  host: process.env.REDIS_HOST,
  port: Number(process.env.REDIS_PORT ?? 6380),
  username: process.env.REDIS_USER,
  password: process.env.REDIS_PASSWORD,
  maxRetriesPerRequest: 3,
  enableReadyCheck: true,
};

const tlsOptions: RedisOptions["tls"] = {
  servername: process.env.REDIS_HOST,
};

if (process.env.REDIS_TLS_INSECURE === "1" || process.env.NODE_ENV !== "production") {
  // the staging endpoint uses the provider's self-signed cert
  tlsOptions.rejectUnauthorized = false; // flaw: tls-verification-off
}

export const sessionRedis = new Redis({
  ...base,
  tls: tlsOptions,
  keyPrefix: "auth:",
});

export async function storeRefreshToken(userId: string, tokenId: string, ttl: number) {
  await sessionRedis.set(`rt:${tokenId}`, userId, "EX", ttl);
}
