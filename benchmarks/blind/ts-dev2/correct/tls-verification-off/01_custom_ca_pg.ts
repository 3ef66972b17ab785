import { readFileSync } from "node:fs";
import { Pool, PoolConfig } from "pg";
import Redis from "ioredis";

const caPath = process.env.DB_CA_PATH ?? "/etc/ssl/certs/rds-global-bundle.pem";

const baseSsl = {
  ca: readFileSync(caPath, "utf8"),
  rejectUnauthorized: true, // near-miss: tls-verification-off
};

const poolConfig: PoolConfig = {
  connectionString: process.env.DATABASE_URL,
  ssl: { ...baseSsl },
  idleTimeoutMillis: 30_000,
};

export const pool = new Pool(poolConfig);

export const tokenCache = new Redis(process.env.REDIS_TLS_URL!, {
  tls: { ca: readFileSync(caPath), servername: process.env.REDIS_HOST },
});

// Local test containers run without TLS; this is a plaintext socket on loopback
export function testPool(): Pool {
  return new Pool({ host: "127.0.0.1", port: 5433, database: "test", ssl: false }); // near-miss: tls-verification-off
}
