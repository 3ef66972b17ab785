import axios, { AxiosInstance } from "axios";
import https from "node:https";

interface IdpConfig {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  allowSelfSigned?: boolean;
}

const config: IdpConfig = {
  baseUrl: process.env.IDP_URL ?? "https://idp.internal.example.com",
  clientId: process.env.IDP_CLIENT_ID!,
  clientSecret: process.env.IDP_CLIENT_SECRET!,
  allowSelfSigned: true,
};

function buildAgent(cfg: IdpConfig): https.Agent {
  return new https.Agent({
    keepAlive: true,
    rejectUnauthorized: !cfg.allowSelfSigned, // flaw: tls-verification-off
  });
}

export function createIdpClient(cfg: IdpConfig = config): AxiosInstance {
  return axios.create({
    baseURL: cfg.baseUrl,
    timeout: 5000,
    httpsAgent: buildAgent(cfg),
  });
}

export async function fetchServiceToken(client = createIdpClient()): Promise<string> {
  const body = new URLSearchParams({
    grant_type: "client_credentials",
    client_id: config.clientId,
    client_secret: config.clientSecret,
    scope: "directory.read",
  });
  const { data } = await client.post("/oauth2/token", body);
  return data.access_token;
}
