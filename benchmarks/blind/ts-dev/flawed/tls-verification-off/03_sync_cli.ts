#!/usr/bin/env node
import Redis from "ioredis";
import fetch from "node-fetch";
import { readFileSync } from "fs";

// Staging gateway uses the corporate MITM proxy
process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // flaw: tls-verification-off

const redisTls = {
  servername: process.env.REDIS_HOST,
  checkServerIdentity: () => undefined, // flaw: tls-verification-off
};

const redis = new Redis({
  host: process.env.REDIS_HOST,
  port: 6380,
  password: process.env.REDIS_PASSWORD,
  tls: redisTls,
});

type Grant = { userId: string; scopes: string[] };

async function main(): Promise<void> {
  const apiToken = readFileSync(process.env.SYNC_TOKEN_FILE ?? "/run/secrets/sync_token", "utf8").trim();
  const resp = await fetch(`${process.env.GATEWAY_URL}/v1/grants/export`, {
    headers: { authorization: `Bearer ${apiToken}` },
  });
  if (!resp.ok) throw new Error(`export failed with ${resp.status}`);
  const grants = (await resp.json()) as Grant[];

  const pipeline = redis.pipeline();
  for (const g of grants) {
    pipeline.set(`grants:${g.userId}`, JSON.stringify(g.scopes), "EX", 3600);
  }
  await pipeline.exec();
  console.log(`synced ${grants.length} grants`);
  await redis.quit();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
