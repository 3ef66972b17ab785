"use strict";

const express = require("express");
const { Issuer, generators } = require("openid-client");
const { findIdentity, createUserWithIdentity } = require("./users");

const router = express.Router();
const clientReady = Issuer.discover(process.env.OIDC_ISSUER).then(
  (issuer) =>
    new issuer.Client({
      client_id: process.env.OIDC_CLIENT_ID,
      client_secret: process.env.OIDC_CLIENT_SECRET,
      redirect_uris: [process.env.OIDC_REDIRECT_URI],
      response_types: ["code"],
    })
);

router.get("/sso/start", async (req, res) => {
  const client = await clientReady;
  const state = generators.state();
  const nonce = generators.nonce();
  const codeVerifier = generators.codeVerifier();
  req.session.oidc = { state, nonce, codeVerifier };
  res.redirect(
    client.authorizationUrl({
      scope: "openid email profile",
      state,
      nonce,
      code_challenge: generators.codeChallenge(codeVerifier),
      code_challenge_method: "S256",
    })
  );
});

router.get("/sso/callback", async (req, res, next) => {
  try {
    const client = await clientReady;
    const expected = req.session.oidc || {};
    delete req.session.oidc;
    const tokenSet = await client.callback(process.env.OIDC_REDIRECT_URI, client.callbackParams(req), {
      state: expected.state,
      nonce: expected.nonce,
      code_verifier: expected.codeVerifier,
    });
    const claims = tokenSet.claims();
    let user = await findIdentity(claims.iss, claims.sub);
    if (!user) {
      if (claims.email_verified !== true) return res.status(403).send("Verify your email with the identity provider first.");
      user = await createUserWithIdentity({ email: claims.email, iss: claims.iss, sub: claims.sub });
    }
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.userId = user.id;
      res.redirect("/");
    });
  } catch (err) {
    next(err);
  }
});

module.exports = router;
