import express from "express";
import { createHmac, timingSafeEqual } from "crypto";

const secret = process.env.WEBHOOK_SECRET;
if (!secret) throw new Error("WEBHOOK_SECRET not set");

function safeEqualHex(a: string, b: string): boolean {
  const ba = Buffer.from(a, "hex");
  const bb = Buffer.from(b, "hex");
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}

export const hooks = express.Router();

hooks.post("/hooks/deploy", express.raw({ type: "*/*" }), (req, res) => {
  const sig = String(req.headers["x-signature"] ?? "");
  const expected = createHmac("sha256", secret).update(req.body as Buffer).digest("hex");
  if (!safeEqualHex(sig, expected)) {
    return res.sendStatus(401);
  }
  const event = JSON.parse((req.body as Buffer).toString("utf8")) as { status: string; id: string };
  if (event.status === "succeeded") { // near-miss: timing-unsafe-compare
    console.info("deployment finished", event.id);
  }
  return res.sendStatus(204);
});
