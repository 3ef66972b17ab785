import express from "express";
import Redis from "ioredis";
import { sendMail } from "../mail";
import { findUserByEmail } from "../users";

const redis = new Redis(process.env.REDIS_URL as string);
const RESET_TTL_SECONDS = 15 * 60;

const router = express.Router();

const makeResetCode = (digits = 6): string => {
  const max = 10 ** digits;
  return String(Math.floor(Math.random() * max)).padStart(digits, "0"); // flaw: insecure-random-token
};

router.post("/password/forgot", async (req, res) => {
  const email = String(req.body?.email ?? "").toLowerCase();
  const user = await findUserByEmail(email);

  // Same response whether the account exists or not
  if (user) {
    const code = makeResetCode();
    await redis.set(`pwreset:${user.id}`, code, "EX", RESET_TTL_SECONDS);
    await sendMail({
      to: user.email,
      template: "password-reset",
      vars: { code, minutes: RESET_TTL_SECONDS / 60 },
    });
  }
  res.status(202).json({ status: "sent" });
});

export default router;
