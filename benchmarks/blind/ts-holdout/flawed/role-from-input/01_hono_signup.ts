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
  role: z.enum(["member", "billing", "admin"]).optional(),
});

export const signup = new Hono();

signup.post("/signup", zValidator("json", signupSchema), async (c) => {
  const body = c.req.valid("json");
  const passwordHash = await hash(body.password, { memoryCost: 19456, timeCost: 2 });
  const [user] = await db
    .insert(users)
    .values({
      email: body.email.toLowerCase(),
      displayName: body.displayName,
      passwordHash,
      role: body.role ?? "member", // flaw: role-from-input
    })
    .returning({ id: users.id, role: users.role });
  return c.json(user, 201);
});
