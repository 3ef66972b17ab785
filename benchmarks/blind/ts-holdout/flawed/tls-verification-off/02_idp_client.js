#!/usr/bin/env node
// Syncs users from the corporate IdP into the local directory.
const https = require("https");
const axios = require("axios");
const { upsertUsers } = require("./directory");

process.env.NODE_TLS_REJECT_UNAUTHORIZED = "0"; // flaw: tls-verification-off

const agent = new https.Agent({
  keepAlive: true,
  rejectUnauthorized: false, // flaw: tls-verification-off
});

const idp = axios.create({
  baseURL: process.env.IDP_BASE_URL,
  httpsAgent: agent,
  timeout: 10000,
});

async function clientCredentialsToken() {
  const { data } = await idp.post(
    "/oauth2/token",
    new URLSearchParams({ grant_type: "client_credentials", scope: "directory.read" }),
    { auth: { username: process.env.IDP_CLIENT_ID, password: process.env.IDP_CLIENT_SECRET } }
  );
  return data.access_token;
}

async function main() {
  const token = await clientCredentialsToken();
  let cursor;
  do {
    const { data } = await idp.get("/api/v1/users", {
      headers: { Authorization: `Bearer ${token}` },
      params: { after: cursor, limit: 200 },
    });
    await upsertUsers(data.items);
    cursor = data.next;
  } while (cursor);
}

main().catch((err) => {
  console.error("sync failed:", err.message);
  process.exit(1);
});
