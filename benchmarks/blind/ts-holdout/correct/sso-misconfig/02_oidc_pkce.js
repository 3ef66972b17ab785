const { Issuer, generators } = require("openid-client");
const express = require("express");

const router = express.Router();
const REDIRECT_URI = `${process.env.APP_URL}/auth/callback`;
const ALLOWED_RETURN = /^\/(?!\/)[\w\-/?=&.%]*$/;
let clientPromise;

function getClient() {
  clientPromise ||= Issuer.discover(process.env.OIDC_ISSUER).then(
    (issuer) => new issuer.Client({ client_id: process.env.OIDC_CLIENT_ID, token_endpoint_auth_method: "none", redirect_uris: [REDIRECT_URI], response_types: ["code"] })
  );
  return clientPromise;
}

router.get("/auth/login", async (req, res) => {
  const client = await getClient();
  const code_verifier = generators.codeVerifier();
  const state = generators.state();
  const nonce = generators.nonce();
  const returnTo = ALLOWED_RETURN.test(String(req.query.return_to)) ? String(req.query.return_to) : "/";
  req.session.oidc = { code_verifier, state, nonce, returnTo };
  res.redirect(
    client.authorizationUrl({ scope: "openid email", state, nonce, code_challenge: generators.codeChallenge(code_verifier), code_challenge_method: "S256" })
  );
});

router.get("/auth/callback", async (req, res, next) => {
  try {
    const pending = req.session.oidc;
    if (!pending) return res.status(400).send("no login in progress");
    delete req.session.oidc;
    const client = await getClient();
    const tokenSet = await client.callback(REDIRECT_URI, client.callbackParams(req), {
      state: pending.state, // near-miss: sso-misconfig
      nonce: pending.nonce,
      code_verifier: pending.code_verifier,
    });
    const claims = tokenSet.claims();
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.user = { sub: claims.sub };
      res.redirect(pending.returnTo);
    });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
