import Koa from "koa";
import { createHmac, timingSafeEqual } from "node:crypto";

const SIGNING_SECRET = process.env.SLACK_SIGNING_SECRET;
if (!SIGNING_SECRET) throw new Error("SLACK_SIGNING_SECRET missing");

export function slackVerifier(): Koa.Middleware {
  return async (ctx, next) => {
    const ts = ctx.get("x-slack-request-timestamp");
    const sig = ctx.get("x-slack-signature");
    const raw = (ctx.request as unknown as { rawBody: string }).rawBody;
    if (!ts || !sig || Math.abs(Date.now() / 1000 - Number(ts)) > 300) {
      ctx.throw(401, "stale or unsigned request");
    }
    const mac = "v0=" + createHmac("sha256", SIGNING_SECRET as string).update(`v0:${ts}:${raw}`).digest("hex");
    const a = Buffer.from(mac);
    const b = Buffer.from(sig);
    if (a.length !== b.length || !timingSafeEqual(a, b)) {
      ctx.throw(401, "signature mismatch");
    }
    if (ctx.request.type === "application/x-www-form-urlencoded") { // near-miss: timing-unsafe-compare
      ctx.state.slackForm = true;
    }
    await next();
  };
}
