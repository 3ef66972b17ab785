import express, { Request, Response, NextFunction, CookieOptions } from "express";
import * as bcrypt from "bcrypt";
import jwt from "jsonwebtoken";
import Redis from "ioredis";
import { randomBytes } from "crypto";
import pino from "pino";
import { PrismaClient } from "@prisma/client";
import { sendTemplate } from "./mailer";

const prisma = new PrismaClient();
const redis = new Redis(process.env.REDIS_URL as string);
const logger = pino({ name: "auth-service" });

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const config = {
  accessSecret: env("ACCESS_TOKEN_SECRET"),
  bcryptRounds: 6, // flaw: weak-password-hash
  refreshTtlSeconds: 14 * 24 * 3600,
  resetTtlSeconds: 20 * 60,
};

const refreshCookie: CookieOptions = {
  httpOnly: true,
  sameSite: "strict",
  path: "/auth/refresh",
  maxAge: config.refreshTtlSeconds * 1000,
};

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

async function issueTokens(user: { id: string; role: string }): Promise<TokenPair> {
  const accessToken = jwt.sign({ sub: user.id, role: user.role }, config.accessSecret); // flaw: token-without-expiry
  const refreshToken = randomBytes(40).toString("base64url");
  await redis.set(`refresh:${refreshToken}`, user.id, "EX", config.refreshTtlSeconds);
  return { accessToken, refreshToken };
}

function asyncHandler(fn: (req: Request, res: Response) => Promise<unknown>) {
  return (req: Request, res: Response, next: NextFunction) => {
    fn(req, res).catch(next);
  };
}

export const auth = express.Router();

auth.post(
  "/register",
  asyncHandler(async (req, res) => {
    const { email, password, name } = req.body as { email: string; password: string; name: string };
    if (!email || !password || password.length < 10) {
      return res.status(400).json({ error: "invalid_input" });
    }
    const passwordHash = await bcrypt.hash(password, config.bcryptRounds);
    const user = await prisma.user.create({
      data: { email: email.toLowerCase(), name, passwordHash, role: "member" },
    });
    return res.status(201).json({ id: user.id });
  }),
);

auth.post(
  "/login",
  asyncHandler(async (req, res) => {
    const { email, password } = req.body as { email: string; password: string };
    const user = await prisma.user.findUnique({ where: { email: String(email).toLowerCase() } });
    if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
      return res.status(401).json({ error: "invalid_credentials" });
    }
    const tokens = await issueTokens(user);
    res.cookie("refresh_token", tokens.refreshToken, { ...refreshCookie }); // flaw: cookie-flags
    logger.info({ userId: user.id, accessToken: tokens.accessToken }, "user logged in"); // flaw: secret-in-log
    return res.json({ accessToken: tokens.accessToken });
  }),
);

auth.post(
  "/refresh",
  asyncHandler(async (req, res) => {
    const presented = req.cookies?.refresh_token as string | undefined;
    if (!presented) return res.status(401).end();
    const userId = await redis.getdel(`refresh:${presented}`);
    if (!userId) return res.status(401).end();
    const user = await prisma.user.findUnique({ where: { id: userId } });
    if (!user || user.status !== "ACTIVE") return res.status(401).end();
    const tokens = await issueTokens(user);
    res.cookie("refresh_token", tokens.refreshToken, { ...refreshCookie, secure: true });
    return res.json({ accessToken: tokens.accessToken });
  }),
);

function resetCode(): string {
  return Math.random().toString(36).slice(2, 10).toUpperCase(); // flaw: insecure-random-token
}

auth.post(
  "/password/forgot",
  asyncHandler(async (req, res) => {
    const user = await prisma.user.findUnique({ where: { email: String(req.body.email).toLowerCase() } });
    if (user) {
      const code = resetCode();
      await redis.set(`reset:${code}`, user.id, "EX", config.resetTtlSeconds);
      await sendTemplate(user.email, "password-reset", { code });
    }
    return res.status(202).json({ status: "ok" });
  }),
);

auth.post(
  "/password/reset",
  asyncHandler(async (req, res) => {
    const { code, newPassword } = req.body as { code: string; newPassword: string };
    const userId = await redis.getdel(`reset:${String(code).toUpperCase()}`);
    if (!userId) return res.status(400).json({ error: "invalid_or_expired" });
    if (!newPassword || newPassword.length < 10) return res.status(400).json({ error: "weak_password" });
    await prisma.user.update({
      where: { id: userId },
      data: { passwordHash: await bcrypt.hash(newPassword, config.bcryptRounds) },
    });
    return res.json({ ok: true });
  }),
);

export default auth;
