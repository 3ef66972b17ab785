import axios from "axios";
import https from "node:https";
import fs from "node:fs";

const caBundle = fs.readFileSync(process.env.IDP_CA_BUNDLE ?? "/etc/ssl/certs/corp-root.pem");

const agent = new https.Agent({
  ca: caBundle,
  keepAlive: true,
  rejectUnauthorized: true, // near-miss: tls-verification-off
  minVersion: "TLSv1.2",
});

export const idp = axios.create({
  baseURL: process.env.IDP_BASE_URL,
  httpsAgent: agent,
  timeout: 4000,
});

export async function introspect(token: string): Promise<{ active: boolean; sub?: string; scope?: string }> {
  const clientId = process.env.IDP_CLIENT_ID;
  const clientSecret = process.env.IDP_CLIENT_SECRET;
  if (!clientId || !clientSecret) throw new Error("introspection credentials not configured");
  const { data } = await idp.post(
    "/oauth2/introspect",
    new URLSearchParams({ token, token_type_hint: "access_token" }),
    { auth: { username: clientId, password: clientSecret } },
  );
  return data;
}
