import { createCipheriv, createDecipheriv, randomBytes, createHash } from "node:crypto";
import { KMSClient, GenerateDataKeyCommand, DecryptCommand } from "@aws-sdk/client-kms";

const kms = new KMSClient({});
const ALGORITHM = "aes-256-gcm";

export async function encryptSecret(plaintext: string) {
  const dk = await kms.send(new GenerateDataKeyCommand({ KeyId: process.env.KMS_KEY_ID!, KeySpec: "AES_256" }));
  const iv = randomBytes(12);
  const cipher = createCipheriv(ALGORITHM, Buffer.from(dk.Plaintext!), iv);
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    wrappedKey: Buffer.from(dk.CiphertextBlob!).toString("base64"),
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    data: data.toString("base64"),
  };
}

export async function decryptSecret(box: { wrappedKey: string; iv: string; tag: string; data: string }) {
  const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: Buffer.from(box.wrappedKey, "base64") }));
  const decipher = createDecipheriv(ALGORITHM, Buffer.from(Plaintext!), Buffer.from(box.iv, "base64"));
  decipher.setAuthTag(Buffer.from(box.tag, "base64"));
  return Buffer.concat([decipher.update(Buffer.from(box.data, "base64")), decipher.final()]).toString("utf8");
}

// Legacy export format detection: we only read the header, never decrypt with it
export const LEGACY_ALGORITHMS = new Set(["des-ede3-cbc", "bf-cbc", "rc4"]); // near-miss: weak-crypto-key

export function isLegacyBlob(header: { alg: string }): boolean {
  return LEGACY_ALGORITHMS.has(header.alg);
}

export function blobFingerprint(data: Buffer): string {
  return createHash("sha256").update(data).digest("hex").slice(0, 16);
}
