import { randomInt, randomUUID, webcrypto } from "node:crypto";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { otpStore } from "./otp-store";

const app = new Hono();

function generateOtp(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, "0");
}

function csrfToken(): string {
  const bytes = new Uint8Array(32);
  webcrypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString("base64url");
}

app.post("/mfa/sms/send", async (c) => {
  const userId = c.get("userId" as never) as string | undefined;
  if (!userId) return c.json({ error: "unauthenticated" }, 401);
  const otp = generateOtp();
  const challengeId = randomUUID();
  await otpStore.save(challengeId, { userId, otp, expiresAt: Date.now() + 5 * 60_000 });
  return c.json({ challengeId });
});

app.get("/forms/csrf", (c) => {
  const existing = getCookie(c, "__Host-csrf");
  const token = existing ?? csrfToken();
  setCookie(c, "__Host-csrf", token, { httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
  return c.json({ token });
});

export default app;
