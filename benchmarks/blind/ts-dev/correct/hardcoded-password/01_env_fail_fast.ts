import { Pool } from "pg";
import axios from "axios";

function mustGet(name: string): string {
  const v = process.env[name];
  if (v === undefined || v === "") {
    throw new Error(`Environment variable ${name} is required`);
  }
  return v;
}

export const config = {
  db: {
    host: mustGet("DB_HOST"),
    user: mustGet("DB_USER"),
    password: mustGet("DB_PASSWORD"), // near-miss: hardcoded-password
    database: process.env.DB_NAME ?? "accounts",
  },
  oauth: {
    tokenUrl: mustGet("OAUTH_TOKEN_URL"),
    clientId: mustGet("OAUTH_CLIENT_ID"),
    clientSecret: mustGet("OAUTH_CLIENT_SECRET"),
  },
};

export const pool = new Pool({ ...config.db, max: 5 });

// Resource-owner password grant against the legacy directory
export async function legacyDirectoryLogin(username: string, password: string) {
  const form = new URLSearchParams({
    grant_type: "password", // near-miss: hardcoded-password
    username,
    password,
    client_id: config.oauth.clientId,
    client_secret: config.oauth.clientSecret,
  });
  const { data } = await axios.post(config.oauth.tokenUrl, form);
  return data as { access_token: string; refresh_token?: string; expires_in: number };
}
