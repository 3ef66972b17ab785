import { Router } from "express";
import bcrypt from "bcryptjs";
import { PrismaClient } from "@prisma/client";

const prisma = new PrismaClient();
export const users = Router();

users.post("/signup", async (req, res) => {
  const { email, password, name } = req.body as { email?: string; password?: string; name?: string };
  if (!email || !password || password.length < 10) {
    return res.status(400).json({ error: "invalid input" });
  }
  const user = await prisma.user.create({
    data: {
      email: email.toLowerCase(),
      name: name?.slice(0, 100) ?? null,
      passwordHash: await bcrypt.hash(password, 12),
      role: "member", // near-miss: role-from-input
    },
    select: { id: true, email: true },
  });
  return res.status(201).json(user);
});

users.patch("/me", async (req, res) => {
  const userId = (req as unknown as { user?: { id: string } }).user?.id;
  if (!userId) return res.status(401).end();
  const { name, timezone } = req.body as { name?: string; timezone?: string };
  const user = await prisma.user.update({
    where: { id: userId },
    data: { name: name?.slice(0, 100), timezone: timezone?.slice(0, 64) },
    select: { id: true, name: true, timezone: true },
  });
  return res.json(user);
});
