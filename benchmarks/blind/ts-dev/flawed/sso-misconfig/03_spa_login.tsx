import React, { useEffect, useState } from "react";

const AUTHORIZE_URL = "https://id.example.com/oauth2/authorize";
const TOKEN_URL = "https://id.example.com/oauth2/token";
const CLIENT_ID = "spa-dashboard";
const REDIRECT_URI = `${window.location.origin}/callback`;

export function beginLogin(): void {
  const state = crypto.randomUUID();
  sessionStorage.setItem("oauth_state", state);
  const params = new URLSearchParams({ // flaw: sso-misconfig
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    scope: "openid profile email",
    state,
  });
  window.location.assign(`${AUTHORIZE_URL}?${params.toString()}`);
}

async function exchangeCode(code: string): Promise<{ access_token: string; id_token: string }> {
  const resp = await fetch(TOKEN_URL, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "authorization_code", code, client_id: CLIENT_ID, redirect_uri: REDIRECT_URI }),
  });
  if (!resp.ok) throw new Error(`token exchange failed: ${resp.status}`);
  return resp.json();
}

export function CallbackPage() {
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const q = new URLSearchParams(window.location.search);
    if (q.get("state") !== sessionStorage.getItem("oauth_state")) {
      setError("Login session mismatch, please try again.");
      return;
    }
    exchangeCode(q.get("code") ?? "")
      .then((tokens) => {
        localStorage.setItem("access_token", tokens.access_token); // flaw: sso-misconfig
        window.location.replace("/dashboard");
      })
      .catch((e: Error) => setError(e.message));
  }, []);

  return <div className="callback">{error ? <p role="alert">{error}</p> : <p>Signing you in...</p>}</div>;
}
