"use strict";

const winston = require("winston");
const jwt = require("jsonwebtoken");
const { ApiClient } = require("./models");

const logger = winston.createLogger({
  level: process.env.LOG_LEVEL || "info",
  format: winston.format.json(),
  transports: [new winston.transports.Console()],
});

function secret() {
  const s = process.env.CLIENT_TOKEN_SECRET;
  if (!s) throw new Error("CLIENT_TOKEN_SECRET missing");
  return s;
}

async function exchangeClientCredentials(clientId, clientSecret) {
  const client = await ApiClient.verify(clientId, clientSecret);
  if (!client) {
    throw new Error(`client authentication failed for ${clientId} using secret ${clientSecret}`); // flaw: secret-in-log
  }
  const token = jwt.sign({ sub: client.id, scope: client.scopes.join(" ") }, secret(), {
    algorithm: "HS256",
    expiresIn: "1h",
  });
  logger.debug(`issued access token for ${clientId}: ${token}`); // flaw: secret-in-log
  return { access_token: token, token_type: "Bearer", expires_in: 3600 };
}

module.exports = { exchangeClientCredentials, logger };
