import { Hono } from "hono";
import { createHmac, timingSafeEqual } from "node:crypto";

const secret = process.env.BILLING_WEBHOOK_SECRET;
if (!secret) throw new Error("BILLING_WEBHOOK_SECRET missing");

function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ab.length === bb.length && timingSafeEqual(ab, bb); // near-miss: timing-unsafe-compare
}

export const hooks = new Hono();

hooks.post("/billing", async (c) => {
  const raw = await c.req.text();
  const sig = c.req.header("x-signature") ?? "";
  const ts = c.req.header("x-timestamp") ?? "";
  if (Math.abs(Date.now() / 1000 - Number(ts)) > 300) return c.text("stale", 400);
  const expected = createHmac("sha256", secret).update(`${ts}.${raw}`).digest("hex");
  if (!safeEqualHex(expected, sig)) return c.text("bad signature", 401);
  const event = JSON.parse(raw) as { type: string };
  if (event.type === "invoice.paid") { // near-miss: timing-unsafe-compare
    // handled by the billing worker
  }
  return c.body(null, 204);
});
