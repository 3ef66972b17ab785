import { Hono } from "hono";
import { drizzle } from "drizzle-orm/node-postgres";
import { eq } from "drizzle-orm";
import { createHash, randomBytes } from "node:crypto";
import { Pool } from "pg";
import { users } from "./schema";

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const db = drizzle(pool);

// shared by signup and password change
function digest(password: string, salt: string): string {
  return createHash("sha256").update(salt + password).digest("hex"); // flaw: weak-password-hash
}

export const credentials = new Hono();

credentials.post("/signup", async (c) => {
  const { email, password } = await c.req.json<{ email: string; password: string }>();
  if (!email || !password || password.length < 12) {
    return c.json({ error: "invalid_input" }, 400);
  }
  const salt = randomBytes(16).toString("hex");
  const [row] = await db
    .insert(users)
    .values({ email: email.toLowerCase(), passwordSalt: salt, passwordHash: digest(password, salt) })
    .returning({ id: users.id });
  return c.json({ id: row.id }, 201);
});

export async function checkPassword(email: string, password: string): Promise<boolean> {
  const [user] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  if (!user) return false;
  const candidate = Buffer.from(digest(password, user.passwordSalt), "hex");
  const stored = Buffer.from(user.passwordHash, "hex");
  return candidate.length === stored.length && require("node:crypto").timingSafeEqual(candidate, stored);
}
