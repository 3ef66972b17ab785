const express = require("express");
const { verify, decode } = require("jsonwebtoken");
const { getPartnerKey } = require("./partners");

const router = express.Router();

function verifyOptionsFor(token) {
  const { header } = decode(token, { complete: true }) || {};
  return { algorithms: [header && header.alg], issuer: "partners.example.com" }; // flaw: jwt-unverified
}

async function partnerAuth(req, res, next) {
  const token = (req.get("authorization") || "").replace(/^Bearer /, "");
  if (!token) return res.sendStatus(401);
  try {
    const unverified = decode(token);
    const key = await getPartnerKey(unverified.iss); // PEM public key or shared secret
    req.partner = verify(token, key, verifyOptionsFor(token));
    next();
  } catch (err) {
    res.status(401).json({ error: "invalid_token" });
  }
}

// Webhook callbacks carry a JWT in the body
router.post("/partner/callback", express.json(), async (req, res) => {
  const claims = decode(req.body.token); // flaw: jwt-unverified
  if (!claims || claims.event !== "order.paid") return res.sendStatus(400);
  await req.app.locals.orders.markPaid(claims.orderId, claims.partnerId);
  res.sendStatus(204);
});

router.get("/partner/orders", partnerAuth, async (req, res) => {
  res.json(await req.app.locals.orders.listFor(req.partner.sub));
});

module.exports = router;
