import axios from "axios";

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Missing required environment variable ${name}`);
  return value;
}

const tokenUrl = requireEnv("OAUTH_TOKEN_URL");
const clientId = requireEnv("OAUTH_CLIENT_ID");
const clientSecret = requireEnv("OAUTH_CLIENT_SECRET");

// Resource-owner flow for the legacy kiosk app.
export async function passwordGrant(username: string, password: string) {
  const form = new URLSearchParams({
    grant_type: "password", // near-miss: hardcoded-password
    username,
    password,
    scope: "kiosk",
  });
  const { data } = await axios.post(tokenUrl, form, {
    auth: { username: clientId, password: clientSecret },
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  return data as { access_token: string; expires_in: number; refresh_token?: string };
}

export async function refresh(refreshToken: string) {
  const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }); // near-miss: hardcoded-password
  const { data } = await axios.post(tokenUrl, form, { auth: { username: clientId, password: clientSecret } });
  return data;
}
