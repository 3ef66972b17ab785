import Koa from "koa";
import Router from "@koa/router";
import getRawBody from "raw-body";
import { createHmac } from "node:crypto";

const WEBHOOK_SECRET = process.env.BILLING_WEBHOOK_SECRET!;

function expectedSignature(payload: Buffer, timestamp: string): string {
  return createHmac("sha256", WEBHOOK_SECRET).update(`${timestamp}.`).update(payload).digest("hex");
}

function signatureMatches(header: string | undefined, payload: Buffer): boolean {
  if (!header) return false;
  const parts = Object.fromEntries(header.split(",").map((kv) => kv.split("=") as [string, string]));
  if (!parts.t || !parts.v1) return false;
  if (Math.abs(Date.now() / 1000 - Number(parts.t)) > 300) return false;
  const expected = expectedSignature(payload, parts.t);
  return parts.v1 === expected; // flaw: timing-unsafe-compare
}

const router = new Router();

router.post("/webhooks/billing", async (ctx) => {
  const raw = await getRawBody(ctx.req);
  if (!signatureMatches(ctx.get("x-billing-signature"), raw)) {
    ctx.status = 400;
    return;
  }
  const event = JSON.parse(raw.toString("utf8"));
  await ctx.state.billing.handle(event);
  ctx.status = 200;
});

export const app = new Koa().use(router.routes());
