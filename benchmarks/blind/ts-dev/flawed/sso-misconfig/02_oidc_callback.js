"use strict";

const express = require("express");
const { Issuer, generators } = require("openid-client");
const { findUserByEmail, linkIdentity, createUser } = require("./users");

const router = express.Router();
let clientPromise;

function getClient() {
  if (!clientPromise) {
    clientPromise = Issuer.discover(process.env.OIDC_ISSUER).then(
      (issuer) =>
        new issuer.Client({
          client_id: process.env.OIDC_CLIENT_ID,
          client_secret: process.env.OIDC_CLIENT_SECRET,
          redirect_uris: [process.env.OIDC_REDIRECT_URI],
          response_types: ["code"],
        })
    );
  }
  return clientPromise;
}

router.get("/sso/start", async (req, res) => {
  const client = await getClient();
  const state = generators.state();
  req.session.oidcState = state;
  res.redirect(client.authorizationUrl({ scope: "openid email profile", state }));
});

router.get("/sso/callback", async (req, res, next) => {
  try {
    const client = await getClient();
    const params = client.callbackParams(req);
    const tokenSet = await client.callback(process.env.OIDC_REDIRECT_URI, params); // flaw: sso-misconfig
    const claims = tokenSet.claims();

    let user = await findUserByEmail(claims.email); // flaw: sso-misconfig
    if (!user) user = await createUser({ email: claims.email, name: claims.name });
    await linkIdentity(user.id, claims.iss, claims.sub);

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
