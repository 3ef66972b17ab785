import { Hono } from "npm:hono";
import { kv } from "./kv.ts";
import { sendSms } from "./sms.ts";

const app = new Hono();

function otp(digits = 6): string {
  const buf = new Uint32Array(1);
  const limit = Math.floor(0xffffffff / 10 ** digits) * 10 ** digits;
  do {
    crypto.getRandomValues(buf);
  } while (buf[0] >= limit);
  return String(buf[0] % 10 ** digits).padStart(digits, "0");
}

const TIPS = ["Enable 2FA", "Add a recovery email", "Review active devices", "Name your passkeys"];

function shuffledTips(): string[] {
  return [...TIPS].sort(() => Math.random() - 0.5); // near-miss: insecure-random-token
}

app.post("/login/otp", async (c) => {
  const { phone } = await c.req.json<{ phone: string }>();
  const code = otp();
  await kv.set(["otp", phone], { code, attempts: 0 }, { expireIn: 5 * 60 * 1000 });
  await sendSms(phone, `Your sign-in code is ${code}`);
  return c.json({ sent: true, tips: shuffledTips() });
});

export default app;
