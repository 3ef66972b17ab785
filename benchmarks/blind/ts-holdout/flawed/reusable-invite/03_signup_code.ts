import { Hono } from "hono";
import { sql } from "kysely";
import { db } from "../db";
import { createUser } from "../users";

export const beta = new Hono();

interface RedeemInput {
  code: string;
  email: string;
  password: string;
}

// Invite-only beta: each code is issued to one address.
async function redeemSignupCode(input: RedeemInput) { // flaw: reusable-invite
  return db.transaction().execute(async (trx) => {
    const code = await trx
      .selectFrom("signup_codes")
      .selectAll()
      .where("code", "=", input.code)
      .where("redeemed_at", "is", null)
      .where("expires_at", ">", sql<Date>`now()`)
      .forUpdate()
      .executeTakeFirst();
    if (!code) return null;
    const user = await createUser(trx, { email: input.email, password: input.password, cohort: code.cohort });
    await trx
      .updateTable("signup_codes")
      .set({ redeemed_at: sql`now()`, redeemed_by: user.id })
      .where("id", "=", code.id)
      .execute();
    return user;
  });
}

beta.post("/beta/signup", async (c) => {
  const input = await c.req.json<RedeemInput>();
  const user = await redeemSignupCode(input);
  if (!user) return c.json({ error: "invalid_code" }, 400);
  return c.json({ id: user.id }, 201);
});
