import type { NextApiRequest, NextApiResponse } from "next";
import { randomBytes } from "crypto";
import { getClientById, saveAuthorizationCode } from "@/lib/oauth-store";
import { getSessionUser } from "@/lib/session";

export default async function authorize(req: NextApiRequest, res: NextApiResponse) {
  const user = await getSessionUser(req);
  if (!user) return res.redirect(`/login?next=${encodeURIComponent(req.url ?? "/")}`);

  const clientId = String(req.query.client_id ?? "");
  const redirectUri = String(req.query.redirect_uri ?? "");
  const client = await getClientById(clientId);
  if (!client) return res.status(400).json({ error: "invalid_client" });

  // exact match against registered URIs only
  if (!client.redirectUris.includes(redirectUri)) { // near-miss: sso-misconfig
    return res.status(400).json({ error: "invalid_redirect_uri" });
  }
  const challenge = String(req.query.code_challenge ?? "");
  if (client.isPublic && (!challenge || req.query.code_challenge_method !== "S256")) {
    return res.status(400).json({ error: "pkce_required" });
  }

  const code = randomBytes(32).toString("base64url");
  await saveAuthorizationCode({
    code,
    clientId,
    userId: user.id,
    redirectUri,
    codeChallenge: challenge || null,
    expiresAt: new Date(Date.now() + 60_000),
  });
  const target = new URL(redirectUri);
  target.searchParams.set("code", code);
  if (req.query.state) target.searchParams.set("state", String(req.query.state));
  return res.redirect(target.toString());
}
