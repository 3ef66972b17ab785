"use strict";

const jwt = require("jsonwebtoken");
const { ApiClient } = require("./models");
const logger = require("./logger");

function mask(value) {
  if (!value || value.length < 8) return "****";
  return `****${value.slice(-4)}`;
}

async function exchangeClientCredentials(clientId, clientSecret) {
  const secret = process.env.CLIENT_TOKEN_SECRET;
  if (!secret) throw new Error("CLIENT_TOKEN_SECRET missing");

  const client = await ApiClient.verify(clientId, clientSecret);
  if (!client) {
    logger.warn("client authentication failed", { clientId });
    throw new Error("invalid_client");
  }
  const token = jwt.sign({ sub: client.id, scope: client.scopes.join(" ") }, secret, {
    algorithm: "HS256",
    expiresIn: "1h",
  });
  logger.info("issued access token", { clientId, tokenSuffix: mask(token) }); // near-miss: secret-in-log
  return { access_token: token, token_type: "Bearer", expires_in: 3600 };
}

module.exports = { exchangeClientCredentials, mask };
