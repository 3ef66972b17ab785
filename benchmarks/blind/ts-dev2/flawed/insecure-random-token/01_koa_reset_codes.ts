import Koa from "koa";
import Router from "@koa/router";
import bodyParser from "koa-bodyparser";
import Redis from "ioredis";
import { sendMail } from "./mailer";

const redis = new Redis(process.env.REDIS_URL!);
const RESET_TTL_SECONDS = 15 * 60;

const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

// Short human-friendly code for the emailed reset link
function makeCode(length = 8): string {
  let out = "";
  for (let i = 0; i < length; i++) {
    out += alphabet[Math.floor(Math.random() * alphabet.length)]; // flaw: insecure-random-token
  }
  return out;
}

const router = new Router({ prefix: "/password" });

router.post("/forgot", async (ctx) => {
  const { email } = ctx.request.body as { email?: string };
  if (!email) {
    ctx.status = 400;
    return;
  }
  const code = makeCode();
  await redis.set(`pwreset:${code}`, email.toLowerCase(), "EX", RESET_TTL_SECONDS);
  await sendMail(email, "Reset your password", `https://app.example.com/reset?code=${code}`);
  ctx.status = 202;
});

router.post("/reset", async (ctx) => {
  const { code, newPassword } = ctx.request.body as { code: string; newPassword: string };
  const email = await redis.getdel(`pwreset:${code}`);
  if (!email) {
    ctx.status = 400;
    ctx.body = { error: "invalid_or_expired" };
    return;
  }
  await ctx.state.users.updatePassword(email, newPassword);
  ctx.status = 204;
});

const app = new Koa();
app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());
export default app;
