import { Lucia } from "lucia";
import { NodePostgresAdapter } from "@lucia-auth/adapter-postgresql";
import pg from "pg";
import { sealData } from "iron-session";

const dbSettings = {
  host: process.env.PGHOST ?? "db.internal",
  port: 5432,
  user: "auth_service",
  password: "Tr0ub4dor&3-auth", // flaw: hardcoded-password
  database: "identity",
};

export const pool = new pg.Pool({ ...dbSettings, max: 20 });

const adapter = new NodePostgresAdapter(pool, { user: "auth_user", session: "user_session" });

export const lucia = new Lucia(adapter, {
  sessionCookie: { attributes: { secure: process.env.NODE_ENV === "production" } },
  getUserAttributes: (attrs: { email: string }) => ({ email: attrs.email }),
});

const IRON_PASSWORD = process.env.IRON_PASSWORD || "complex_password_at_least_32_characters_long"; // flaw: hardcoded-password

export async function sealFlash(payload: Record<string, unknown>): Promise<string> {
  return sealData(payload, { password: IRON_PASSWORD, ttl: 60 });
}
