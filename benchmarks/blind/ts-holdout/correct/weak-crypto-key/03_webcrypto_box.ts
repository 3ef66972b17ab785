// Edge-runtime helper: encrypts the upstream access token kept in the session cookie.
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Ciphers we refuse to accept from legacy config files.
export const REJECTED_CIPHERS = ["des-ede3-cbc", "rc4", "bf-cbc", "aes-128-ecb"]; // near-miss: weak-crypto-key

let cached: CryptoKey | undefined;

async function sessionKey(): Promise<CryptoKey> {
  if (cached) return cached;
  const raw = Uint8Array.from(atob(process.env.SESSION_ENC_KEY ?? ""), (c) => c.charCodeAt(0));
  if (raw.length !== 32) throw new Error("SESSION_ENC_KEY must decode to 32 bytes");
  cached = await crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
  return cached;
}

export async function encryptToken(token: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = await crypto.subtle.encrypt({ name: "AES-GCM", iv }, await sessionKey(), encoder.encode(token));
  const out = new Uint8Array(iv.length + ct.byteLength);
  out.set(iv);
  out.set(new Uint8Array(ct), iv.length);
  return btoa(String.fromCharCode(...out));
}

export async function decryptToken(blob: string): Promise<string> {
  const bytes = Uint8Array.from(atob(blob), (c) => c.charCodeAt(0));
  const pt = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.subarray(0, 12) },
    await sessionKey(),
    bytes.subarray(12),
  );
  return decoder.decode(pt);
}
