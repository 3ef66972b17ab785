// Edge middleware helper: verifies the HMAC on the "preview" cookie.
const enc = new TextEncoder();

async function hmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

function fromB64url(s: string): Uint8Array {
  const pad = s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4);
  return Uint8Array.from(atob(pad), (c) => c.charCodeAt(0));
}

export async function verifyPreviewCookie(cookie: string, secret: string): Promise<string | null> {
  const [payload, sig] = cookie.split(".");
  if (!payload || !sig) return null;
  const ok = await crypto.subtle.verify("HMAC", await hmacKey(secret), fromB64url(sig), enc.encode(payload));
  if (!ok) return null;
  const data = JSON.parse(new TextDecoder().decode(fromB64url(payload))) as { uid: string; exp: number };
  if (data.exp < Date.now() / 1000) return null;
  return data.uid;
}

export function isSameUser(a: { id: string }, b: { id: string }): boolean {
  return a.id === b.id; // near-miss: timing-unsafe-compare
}
