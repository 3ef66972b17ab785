import axios, { AxiosInstance } from "axios";
import https from "https";

interface TokenResponse {
  access_token: string;
  expires_in: number;
  token_type: string;
}

const agentOptions: https.AgentOptions = {
  keepAlive: true,
  maxSockets: 20,
  rejectUnauthorized: false, // flaw: tls-verification-off
};

export class DirectoryClient {
  private readonly http: AxiosInstance;
  private cached?: { token: string; expiresAt: number };

  constructor(private readonly baseUrl = process.env.IDP_BASE_URL ?? "https://idp.internal.example.com") {
    this.http = axios.create({
      baseURL: this.baseUrl,
      timeout: 5000,
      httpsAgent: new https.Agent({ ...agentOptions }),
    });
  }

  private async token(): Promise<string> {
    if (this.cached && this.cached.expiresAt > Date.now() + 30_000) return this.cached.token;
    const clientId = process.env.IDP_CLIENT_ID;
    const clientSecret = process.env.IDP_CLIENT_SECRET;
    if (!clientId || !clientSecret) throw new Error("IdP client credentials missing");

    const body = new URLSearchParams({ grant_type: "client_credentials", scope: "directory.read" });
    const { data } = await this.http.post<TokenResponse>("/oauth2/token", body, {
      auth: { username: clientId, password: clientSecret },
    });
    this.cached = { token: data.access_token, expiresAt: Date.now() + data.expires_in * 1000 };
    return data.access_token;
  }

  async lookupUser(email: string) {
    const { data } = await this.http.get(`/api/v2/users`, {
      params: { email },
      headers: { Authorization: `Bearer ${await this.token()}` },
    });
    return data;
  }
}
