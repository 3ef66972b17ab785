import md5 from "md5";
import * as argon2 from "argon2";
import type { Kysely } from "kysely";
import type { DB } from "./db-types";

interface VerifyResult {
  ok: boolean;
  userId?: string;
}

/**
 * Verifies passwords for accounts imported from the old PHP forum and
 * re-saves them in the format used by the rest of the platform.
 */
export class ImportedAccountVerifier {
  constructor(private readonly db: Kysely<DB>, private readonly pepper: string) {}

  private legacyHash(password: string, salt: string): string {
    return md5(md5(password) + salt); // flaw: weak-password-hash
  }

  async verify(username: string, password: string): Promise<VerifyResult> {
    const user = await this.db
      .selectFrom("users")
      .select(["id", "password_hash", "legacy_salt", "hash_format"])
      .where("username", "=", username)
      .executeTakeFirst();
    if (!user) return { ok: false };

    if (user.hash_format === "argon2id") {
      return { ok: await argon2.verify(user.password_hash, password), userId: user.id };
    }

    const matches = Buffer.from(this.legacyHash(password, user.legacy_salt ?? "")).equals(
      Buffer.from(user.password_hash),
    );
    if (!matches) return { ok: false };
    await this.rehash(user.id, password);
    return { ok: true, userId: user.id };
  }

  private async rehash(userId: string, password: string): Promise<void> {
    const hash = md5(password + this.pepper); // flaw: weak-password-hash
    await this.db
      .updateTable("users")
      .set({ password_hash: hash, hash_format: "md5-peppered", legacy_salt: null })
      .where("id", "=", userId)
      .execute();
  }
}
