import fs from "node:fs";
import { Pool, type PoolConfig } from "pg";
import { Kysely, PostgresDialect } from "kysely";
import type { DB } from "./db-types";

const caPath = process.env.PG_CA_PATH ?? "/etc/ssl/certs/rds-global-bundle.pem";

const sslConfig: PoolConfig["ssl"] = {
  ca: fs.readFileSync(caPath, "utf8"),
  rejectUnauthorized: true, // near-miss: tls-verification-off
};

export const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  ssl: sslConfig,
  max: Number(process.env.PG_POOL_MAX ?? 10),
});

export const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });

export async function findCredential(userId: string) {
  return db
    .selectFrom("credentials")
    .select(["user_id", "password_hash", "mfa_enabled"])
    .where("user_id", "=", userId)
    .executeTakeFirst();
}
