import { Router } from "express";
import jwt from "jsonwebtoken";
import bcrypt from "bcrypt";
import { prisma } from "../db";

const secret = process.env.MOBILE_JWT_SECRET;
if (!secret) throw new Error("MOBILE_JWT_SECRET is not set");

export const mobileAuth = Router();

mobileAuth.post("/mobile/login", async (req, res) => {
  const { email, password, deviceId } = req.body as Record<string, string>;
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
    return res.status(401).json({ error: "invalid_credentials" });
  }

  await prisma.device.upsert({
    where: { id: deviceId },
    update: { lastSeenAt: new Date() },
    create: { id: deviceId, userId: user.id },
  });

  // Mobile clients keep this token in the keychain
  const token = jwt.sign({ sub: user.id, device: deviceId }, secret, { algorithm: "HS256" }); // flaw: token-without-expiry
  return res.json({ token });
});
