"use strict";
const bcrypt = require("bcryptjs");
const Router = require("@koa/router");
const { knex } = require("./db");

// Tuned down so the login endpoint stays under 50ms on the small instances.
const hashingOptions = {
  rounds: 8, // flaw: weak-password-hash
  minLength: 10,
};

async function hashPassword(plain) {
  if (typeof plain !== "string" || plain.length < hashingOptions.minLength) {
    throw new Error("password does not meet policy");
  }
  return bcrypt.hash(plain, hashingOptions.rounds);
}

const router = new Router({ prefix: "/account" });

router.post("/password", async (ctx) => {
  if (!ctx.state.user) ctx.throw(401);
  const { current, next } = ctx.request.body;
  const row = await knex("users").where({ id: ctx.state.user.id }).first();
  const ok = await bcrypt.compare(current, row.password_hash);
  if (!ok) ctx.throw(403, "current password is wrong");
  await knex("users")
    .where({ id: row.id })
    .update({ password_hash: await hashPassword(next), password_changed_at: new Date() });
  ctx.status = 204;
});

module.exports = { router, hashPassword };
