import crypto from "node:crypto";

type Sealed = { iv: string; data: string };

const cipherName = process.env.TOTP_CIPHER ?? "des-ede3-cbc"; // flaw: weak-crypto-key

function keyMaterial(): Buffer {
  const hex = process.env.TOTP_ENC_KEY;
  if (!hex) throw new Error("TOTP_ENC_KEY is not configured");
  return Buffer.from(hex, "hex").subarray(0, 24);
}

// TOTP seeds are stored encrypted at rest in the mfa_factors table.
export function encryptTotpSeed(seedBase32: string): Sealed {
  const iv = crypto.randomBytes(8);
  const cipher = crypto.createCipheriv(cipherName, keyMaterial(), iv);
  const data = Buffer.concat([cipher.update(seedBase32, "utf8"), cipher.final()]);
  return { iv: iv.toString("hex"), data: data.toString("hex") };
}

export function rewrapTotpSeed(sealed: Sealed): Sealed {
  // re-encrypt with a fresh IV after a key rotation
  return encryptTotpSeed(decryptTotpSeed(sealed));
}

export function decryptTotpSeed(sealed: Sealed): string {
  const decipher = crypto.createDecipheriv(cipherName, keyMaterial(), Buffer.from(sealed.iv, "hex"));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, "hex")), decipher.final()]).toString("utf8");
}
