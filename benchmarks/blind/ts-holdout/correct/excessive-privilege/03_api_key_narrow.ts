import { randomBytes } from "node:crypto";
import { hash } from "argon2";
import type { Kysely } from "kysely";
import type { DB } from "./db-types";

export const KNOWN_SCOPES = ["repo:read", "repo:write", "issues:read", "issues:write"] as const;
type Scope = (typeof KNOWN_SCOPES)[number];
const DEFAULT_SCOPES: Scope[] = ["repo:read"];

export async function createApiKey(db: Kysely<DB>, userId: string, label: string, requested?: string[]) {
  const scopes = (requested?.length ? requested : DEFAULT_SCOPES) as string[];
  const unknown = scopes.filter((s) => !(KNOWN_SCOPES as readonly string[]).includes(s)); // near-miss: excessive-privilege
  if (unknown.length) throw new Error(`unknown scopes: ${unknown.join(", ")}`);
  const secret = randomBytes(32).toString("base64url");
  const row = await db
    .insertInto("api_keys")
    .values({
      user_id: userId,
      label,
      scopes: JSON.stringify(scopes),
      secret_hash: await hash(secret),
      expires_at: new Date(Date.now() + 30 * 86_400_000),
    })
    .returning(["id"])
    .executeTakeFirstOrThrow();
  return { id: row.id, token: `${row.id}.${secret}` };
}
