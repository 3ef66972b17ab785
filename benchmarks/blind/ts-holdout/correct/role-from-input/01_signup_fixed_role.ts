import { Hono } from "hono";
import { zValidator } from "@hono/zod-validator";
import { z } from "zod";
import { hash } from "@node-rs/argon2";
import { db } from "../db";
import { users } from "../db/schema";

const signupSchema = z.object({
  email: z.string().email(),
  password: z.string().min(12),
  displayName: z.string().min(1).max(64),
});

export const signup = new Hono();

signup.post("/signup", zValidator("json", signupSchema), async (c) => {
  const { email, password, displayName } = c.req.valid("json");
  const [user] = await db
    .insert(users)
    .values({
      email: email.toLowerCase(),
      displayName,
      passwordHash: await hash(password, { memoryCost: 19456, timeCost: 2 }),
      role: "member", // near-miss: role-from-input
    })
    .returning({ id: users.id });
  return c.json(user, 201);
});
