const fs = require("fs");
const https = require("https");
const axios = require("axios");

const agent = new https.Agent({
  ca: fs.readFileSync(process.env.PARTNER_CA_FILE),
  cert: fs.readFileSync(process.env.CLIENT_CERT_FILE),
  key: fs.readFileSync(process.env.CLIENT_KEY_FILE),
  minVersion: "TLSv1.2",
});

const partner = axios.create({
  baseURL: process.env.PARTNER_API,
  httpsAgent: agent,
  timeout: 8000,
});

async function introspect(token) {
  const { data } = await partner.post("/oauth/introspect", new URLSearchParams({ token }), {
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return data.active === true ? data : null;
}

module.exports = { introspect };
