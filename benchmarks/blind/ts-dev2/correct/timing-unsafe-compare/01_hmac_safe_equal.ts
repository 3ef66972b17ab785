import { Hono } from "hono";
import { createHmac, timingSafeEqual } from "node:crypto";

const secret = process.env.GITHUB_WEBHOOK_SECRET!;

function safeEqualHex(a: string, b: string): boolean {
  const ab = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  if (ab.length !== bb.length) return false; // near-miss: timing-unsafe-compare
  return timingSafeEqual(ab, bb);
}

export const hooks = new Hono();

hooks.post("/github", async (c) => {
  const body = await c.req.text();
  const header = c.req.header("x-hub-signature-256") ?? "";
  if (!header.startsWith("sha256=")) return c.text("bad signature", 401);
  const expected = createHmac("sha256", secret).update(body).digest("hex");
  if (!safeEqualHex(header.slice(7), expected)) return c.text("bad signature", 401);

  const event = JSON.parse(body);
  if (event.action === "completed" && event.workflow_run?.conclusion === "success") { // near-miss: timing-unsafe-compare
    await c.env.deploys.trigger(event.workflow_run.head_sha);
  }
  return c.body(null, 204);
});
