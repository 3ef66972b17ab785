import express, { Request, Response } from "express";
import crypto from "crypto";
import { applyBillingEvent } from "../billing/events";

const webhookSecret = process.env.BILLING_WEBHOOK_SECRET;
if (!webhookSecret) throw new Error("BILLING_WEBHOOK_SECRET not set");

const TOLERANCE_SECONDS = 300;

function parseSignatureHeader(header: string): { t: string; v1: string } | null {
  const parts = Object.fromEntries(header.split(",").map((kv) => kv.split("=") as [string, string]));
  return parts.t && parts.v1 ? { t: parts.t, v1: parts.v1 } : null;
}

export const webhooks = express.Router();

webhooks.post("/webhooks/billing", express.raw({ type: "application/json" }), async (req: Request, res: Response) => {
  const parsed = parseSignatureHeader(String(req.headers["billing-signature"] ?? ""));
  if (!parsed) return res.status(400).send("missing signature");
  if (Math.abs(Date.now() / 1000 - Number(parsed.t)) > TOLERANCE_SECONDS) {
    return res.status(400).send("stale");
  }

  const expected = crypto
    .createHmac("sha256", webhookSecret)
    .update(`${parsed.t}.${(req.body as Buffer).toString("utf8")}`)
    .digest("hex");

  if (expected !== parsed.v1) { // flaw: timing-unsafe-compare
    return res.status(401).send("bad signature");
  }

  await applyBillingEvent(JSON.parse((req.body as Buffer).toString("utf8")));
  return res.status(200).json({ received: true });
});
