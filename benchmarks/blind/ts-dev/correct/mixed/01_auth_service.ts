import express, { Request, Response, NextFunction, CookieOptions } from "express";
import * as bcrypt from "bcrypt";
import jwt from "jsonwebtoken";
import Redis from "ioredis";
import { randomBytes, randomInt, timingSafeEqual } from "crypto";
import pino from "pino";
import { PrismaClient } from "@prisma/client";
import { sendTemplate } from "./mailer";

const prisma = new PrismaClient();
const redis = new Redis(process.env.REDIS_URL as string);
const logger = pino({ name: "auth-service", redact: ["req.headers.authorization", "req.headers.cookie"] });

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const config = {
  accessSecret: env("ACCESS_TOKEN_SECRET"), // near-miss: hardcoded-password
  bcryptRounds: 12, // near-miss: weak-password-hash
  refreshTtlSeconds: 14 * 24 * 3600,
  resetTtlSeconds: 20 * 60,
};

const refreshCookie: CookieOptions = {
  httpOnly: true,
  secure: true,
  sameSite: "strict",
  path: "/auth/refresh",
  maxAge: config.refreshTtlSeconds * 1000,
};

interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

async function issueTokens(user: { id: string; role: string }): Promise<TokenPair> {
  const accessToken = jwt.sign({ role: user.role }, config.accessSecret, {
    algorithm: "HS256",
    subject: user.id,
    expiresIn: "10m",
  });
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
    logger.info({ userId: user.id }, "user registered");
    return res.status(201).json({ id: user.id });
  }),
);

auth.post(
  "/login",
  asyncHandler(async (req, res) => {
    const { email, password } = req.body as { email: string; password: string };
    const user = await prisma.user.findUnique({ where: { email: String(email).toLowerCase() } });
    if (!user || !(await bcrypt.compare(password, user.passwordHash))) {
      logger.warn({ emailDomain: String(email).split("@")[1] }, "login failed");
      return res.status(401).json({ error: "invalid_credentials" });
    }
    const tokens = await issueTokens(user);
    res.cookie("refresh_token", tokens.refreshToken, { ...refreshCookie });
    logger.info({ userId: user.id }, "user logged in"); // near-miss: secret-in-log
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
    res.cookie("refresh_token", tokens.refreshToken, { ...refreshCookie });
    return res.json({ accessToken: tokens.accessToken });
  }),
);

function resetCode(): string {
  return randomInt(0, 100_000_000).toString().padStart(8, "0");
}

auth.post(
  "/password/forgot",
  asyncHandler(async (req, res) => {
    const user = await prisma.user.findUnique({ where: { email: String(req.body.email).toLowerCase() } });
    if (user) {
      const code = resetCode();
      await redis.set(`reset:${user.id}`, code, "EX", config.resetTtlSeconds);
      await sendTemplate(user.email, "password-reset", { code });
    }
    return res.status(202).json({ status: "ok" });
  }),
);

auth.post(
  "/password/reset",
  asyncHandler(async (req, res) => {
    const { email, code, newPassword } = req.body as { email: string; code: string; newPassword: string };
    const user = await prisma.user.findUnique({ where: { email: String(email).toLowerCase() } });
    if (!user) return res.status(400).json({ error: "invalid_or_expired" });
    const attempts = await redis.incr(`reset-attempts:${user.id}`);
    await redis.expire(`reset-attempts:${user.id}`, config.resetTtlSeconds);
    if (attempts > 5) return res.status(429).json({ error: "too_many_attempts" });
    const stored = await redis.get(`reset:${user.id}`);
    const codeBuf = Buffer.from(String(code));
    const storedBuf = Buffer.from(stored ?? "");
    if (!stored || codeBuf.length !== storedBuf.length || !timingSafeEqual(codeBuf, storedBuf)) {
      return res.status(400).json({ error: "invalid_or_expired" });
    }
    if (!newPassword || newPassword.length < 10) return res.status(400).json({ error: "weak_password" });
    await redis.del(`reset:${user.id}`);
    await prisma.user.update({
      where: { id: user.id },
      data: { passwordHash: await bcrypt.hash(newPassword, config.bcryptRounds) },
    });
    await prisma.session.deleteMany({ where: { userId: user.id } });
    return res.json({ ok: true });
  }),
);

export default auth;
