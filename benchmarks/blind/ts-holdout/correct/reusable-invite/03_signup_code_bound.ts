import { sql, type Kysely } from "kysely";
import type { DB } from "../db-types";
import { createUser } from "../users";

export async function redeemSignupCode(db: Kysely<DB>, input: { code: string; email: string; password: string }) {
  const email = input.email.trim().toLowerCase();
  return db.transaction().execute(async (trx) => {
    const code = await trx
      .selectFrom("signup_codes")
      .selectAll()
      .where("code", "=", input.code) // near-miss: reusable-invite
      .where("redeemed_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .where(sql`lower(invited_email)`, "=", email)
      .forUpdate()
      .executeTakeFirst();
    if (!code) return null;
    const user = await createUser(trx, { email, password: input.password, cohort: code.cohort, emailVerified: false });
    await trx
      .updateTable("signup_codes")
      .set({ redeemed_at: sql`now()`, redeemed_by: user.id })
      .where("id", "=", code.id)
      .execute();
    return user;
  });
}
