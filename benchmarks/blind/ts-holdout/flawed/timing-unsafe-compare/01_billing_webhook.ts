import { Hono } from "hono";
import { createHmac } from "node:crypto";
import { applyBillingEvent } from "./billing";

const webhookSecret = process.env.BILLING_WEBHOOK_SECRET ?? "";
if (!webhookSecret) throw new Error("BILLING_WEBHOOK_SECRET missing");

export const webhooks = new Hono();

function expectedSignature(timestamp: string, body: string): string {
  return createHmac("sha256", webhookSecret).update(`${timestamp}.${body}`).digest("hex");
}

function parseHeader(header: string): { t?: string; v1?: string } {
  return Object.fromEntries(header.split(",").map((kv) => kv.trim().split("=", 2)));
}

webhooks.post("/billing", async (c) => {
  const raw = await c.req.text();
  const { t, v1 } = parseHeader(c.req.header("x-billing-signature") ?? "");
  if (!t || !v1) return c.text("missing signature", 400);
  if (Math.abs(Date.now() / 1000 - Number(t)) > 300) return c.text("stale", 400);

  const computed = expectedSignature(t, raw);
  if (computed !== v1) { // flaw: timing-unsafe-compare
    return c.text("bad signature", 401);
  }
  await applyBillingEvent(JSON.parse(raw));
  return c.body(null, 204);
});
