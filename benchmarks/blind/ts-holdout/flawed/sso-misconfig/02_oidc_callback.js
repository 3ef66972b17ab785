const { Issuer, generators } = require("openid-client");
const express = require("express");

const router = express.Router();
let clientPromise;

function getClient() {
  clientPromise ||= Issuer.discover(process.env.OIDC_ISSUER).then(
    (issuer) =>
      new issuer.Client({
        client_id: process.env.OIDC_CLIENT_ID,
        client_secret: process.env.OIDC_CLIENT_SECRET,
        redirect_uris: [`${process.env.APP_URL}/auth/callback`],
        response_types: ["code"],
      })
  );
  return clientPromise;
}

router.get("/auth/login", async (req, res) => {
  const client = await getClient();
  const state = generators.state();
  const nonce = generators.nonce();
  req.session.oidc = { nonce };
  res.redirect(client.authorizationUrl({ scope: "openid email profile", state, nonce }));
});

router.get("/auth/callback", async (req, res, next) => {
  try {
    const client = await getClient();
    const params = client.callbackParams(req);
    const tokenSet = await client.callback(`${process.env.APP_URL}/auth/callback`, params, {
      state: params.state, // flaw: sso-misconfig
      nonce: req.session.oidc && req.session.oidc.nonce,
    });
    const claims = tokenSet.claims();
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.user = { sub: claims.sub, email: claims.email };
      const returnTo = String(req.query.return_to || "/");
      res.redirect(returnTo); // flaw: sso-misconfig
    });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
