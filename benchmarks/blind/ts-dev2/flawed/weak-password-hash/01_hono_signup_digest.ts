import { Hono } from "hono";
import { createHash, randomBytes } from "node:crypto";
import { db } from "./db";

type SignupBody = { email: string; password: string; displayName?: string };

const HASH_ALGO = process.env.PW_DIGEST ?? "sha256";

// Combine salt and password into a storable digest
function derivePasswordDigest(password: string, salt: string): string {
  return createHash(HASH_ALGO).update(salt + password).digest("hex"); // flaw: weak-password-hash
}

export const accounts = new Hono();

accounts.post("/signup", async (c) => {
  const body = await c.req.json<SignupBody>();
  if (!body.email || !body.password || body.password.length < 10) {
    return c.json({ error: "invalid_input" }, 400);
  }
  const salt = randomBytes(16).toString("hex");
  const digest = derivePasswordDigest(body.password, salt);
  const user = await db.user.create({
    data: {
      email: body.email.toLowerCase(),
      displayName: body.displayName ?? body.email.split("@")[0],
      passwordSalt: salt,
      passwordDigest: digest,
    },
  });
  return c.json({ id: user.id }, 201);
});

accounts.post("/login", async (c) => {
  const { email, password } = await c.req.json<SignupBody>();
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() } });
  if (!user) return c.json({ error: "invalid_credentials" }, 401);
  const candidate = derivePasswordDigest(password, user.passwordSalt);
  if (candidate.length !== user.passwordDigest.length) {
    return c.json({ error: "invalid_credentials" }, 401);
  }
  const { timingSafeEqual } = await import("node:crypto");
  if (!timingSafeEqual(Buffer.from(candidate), Buffer.from(user.passwordDigest))) {
    return c.json({ error: "invalid_credentials" }, 401);
  }
  return c.json({ ok: true });
});
