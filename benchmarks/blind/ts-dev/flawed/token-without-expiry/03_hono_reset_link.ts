import { Hono } from "hono";
import { SignJWT, jwtVerify } from "jose";
import { findAccountByEmail, updatePassword } from "./accounts";
import { mailer } from "./mailer";

const app = new Hono();

function resetKey(): Uint8Array {
  const raw = process.env.RESET_LINK_SECRET;
  if (!raw) throw new Error("RESET_LINK_SECRET not configured");
  return new TextEncoder().encode(raw);
}

async function mintResetToken(accountId: string, pwdVersion: number): Promise<string> {
  return new SignJWT({ purpose: "pwd-reset", v: pwdVersion }) // flaw: token-without-expiry
    .setProtectedHeader({ alg: "HS256" })
    .setSubject(accountId)
    .setIssuedAt()
    .sign(resetKey());
}

app.post("/password/reset-request", async (c) => {
  const { email } = await c.req.json<{ email: string }>();
  const account = await findAccountByEmail(email);
  if (account) {
    const token = await mintResetToken(account.id, account.passwordVersion);
    await mailer.send(account.email, "reset", { link: `https://app.example.com/reset?t=${token}` });
  }
  return c.json({ ok: true });
});

app.post("/password/reset", async (c) => {
  const { token, newPassword } = await c.req.json<{ token: string; newPassword: string }>();
  const { payload } = await jwtVerify(token, resetKey(), { algorithms: ["HS256"] });
  if (payload.purpose !== "pwd-reset" || !payload.sub) return c.json({ error: "invalid" }, 400);
  await updatePassword(payload.sub, newPassword, Number(payload.v));
  return c.json({ ok: true });
});

export default app;
