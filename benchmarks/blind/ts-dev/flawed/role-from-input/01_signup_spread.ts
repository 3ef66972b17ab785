import { Router } from "express";
import bcrypt from "bcryptjs";
import { PrismaClient, Prisma } from "@prisma/client";

const prisma = new PrismaClient();
export const users = Router();

const BCRYPT_ROUNDS = 12;

users.post("/signup", async (req, res) => {
  const { password, ...profile } = req.body as Prisma.UserCreateInput & { password: string };
  if (!password || password.length < 10) {
    return res.status(400).json({ error: "password too short" });
  }

  const passwordHash = await bcrypt.hash(password, BCRYPT_ROUNDS);
  try {
    const user = await prisma.user.create({
      data: {
        ...profile, // flaw: role-from-input
        email: String(profile.email).toLowerCase(),
        passwordHash,
      },
      select: { id: true, email: true, role: true },
    });
    return res.status(201).json(user);
  } catch (e) {
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      return res.status(409).json({ error: "email exists" });
    }
    throw e;
  }
});
