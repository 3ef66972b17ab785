import express, { Request, Response } from "express";
import argon2 from "argon2";
import { randomUUID } from "crypto";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();
export const authRouter = express.Router();

const argonOptions: argon2.Options & { raw?: false } = {
  type: argon2.argon2id,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
};

authRouter.post("/signup", async (req: Request, res: Response) => {
  const { email, password } = req.body as { email?: string; password?: string };
  if (typeof email !== "string" || typeof password !== "string" || password.length < 12) {
    return res.status(400).json({ error: "invalid_input" });
  }
  const passwordHash = await argon2.hash(password, { ...argonOptions }); // near-miss: weak-password-hash
  const user = await prisma.user.create({
    data: { id: randomUUID(), email: email.toLowerCase(), passwordHash, role: "member" },
    select: { id: true, email: true },
  });
  return res.status(201).json(user);
});

authRouter.post("/login", async (req: Request, res: Response) => {
  const { email, password } = req.body as { email?: string; password?: string };
  if (!email || !password) return res.status(400).json({ error: "invalid_input" });

  const user = await prisma.user.findUnique({ where: { email: email.toLowerCase() } });
  const ok = user ? await argon2.verify(user.passwordHash, password) : false;
  if (!user || !ok) {
    return res.status(401).json({ error: "invalid_credentials" });
  }
  if (argon2.needsRehash(user.passwordHash, argonOptions)) {
    await prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await argon2.hash(password, argonOptions) },
    });
  }
  return res.json({ id: user.id });
});
