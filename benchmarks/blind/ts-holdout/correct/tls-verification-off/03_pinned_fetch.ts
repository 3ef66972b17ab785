import tls from "node:tls";
import https from "node:https";

const PINNED_SHA256 = new Set((process.env.IDP_CERT_PINS ?? "").split(",").filter(Boolean));

// Runs the normal hostname check, then additionally requires a known leaf fingerprint.
function checkServerIdentity(host: string, cert: tls.PeerCertificate): Error | undefined { // near-miss: tls-verification-off
  const err = tls.checkServerIdentity(host, cert);
  if (err) return err;
  if (PINNED_SHA256.size > 0 && !PINNED_SHA256.has(cert.fingerprint256)) {
    return new Error(`certificate pin mismatch for ${host}`);
  }
  return undefined;
}

export const idpAgent = new https.Agent({ keepAlive: true, checkServerIdentity });

export async function fetchJwks(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { agent: idpAgent }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => {
          try {
            resolve(JSON.parse(body));
          } catch (e) {
            reject(e);
          }
        });
      })
      .on("error", reject);
  });
}
