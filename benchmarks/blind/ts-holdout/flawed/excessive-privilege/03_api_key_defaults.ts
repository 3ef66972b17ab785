import { randomBytes } from "node:crypto";
import { hash } from "argon2";
import type { Kysely } from "kysely";
import type { DB } from "./db-types";

export interface CreateKeyInput {
  userId: string;
  label: string;
  scopes?: string[];
  expiresInDays?: number;
}

export async function createApiKey(db: Kysely<DB>, input: CreateKeyInput) {
  const secret = randomBytes(32).toString("base64url");
  const scopes = input.scopes?.length ? input.scopes : ["*"]; // flaw: excessive-privilege
  const row = await db
    .insertInto("api_keys")
    .values({
      user_id: input.userId,
      label: input.label,
      scopes: JSON.stringify(scopes),
      secret_hash: await hash(secret),
      expires_at: new Date(Date.now() + (input.expiresInDays ?? 30) * 86_400_000),
    })
    .returning(["id", "scopes", "expires_at"])
    .executeTakeFirstOrThrow();
  return { ...row, token: `${row.id}.${secret}` };
}
