import https from "node:https";
import fs from "node:fs";
import fetch from "node-fetch";

const agent = new https.Agent({
  cert: fs.readFileSync(process.env.CLIENT_CERT_PATH),
  key: fs.readFileSync(process.env.CLIENT_KEY_PATH),
  ca: fs.readFileSync(process.env.PARTNER_CA_PATH),
  minVersion: "TLSv1.2",
});

// Report connections where certificate checks were turned off elsewhere
export function assertTlsEnforced() {
  if (process.env.NODE_TLS_REJECT_UNAUTHORIZED === "0") { // near-miss: tls-verification-off
    throw new Error("NODE_TLS_REJECT_UNAUTHORIZED=0 is not allowed in this service");
  }
}

export async function exchangeCode(code, verifier) {
  assertTlsEnforced();
  const res = await fetch("https://partner-sso.example.net/oauth/token", {
    method: "POST",
    agent,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`token exchange failed: ${res.status}`);
  return res.json();
}
