import { createHmac } from "crypto";

export class CookieSigner {
  constructor(private readonly secrets: string[]) {
    if (secrets.length === 0) throw new Error("at least one secret required");
  }

  private mac(value: string, secret: string): string {
    return createHmac("sha256", secret).update(value).digest("base64url");
  }

  sign(value: string): string {
    return `${value}.${this.mac(value, this.secrets[0])}`;
  }

  // Accepts values signed with any of the configured (rotating) secrets.
  unsign(signed: string): string | false {
    const idx = signed.lastIndexOf(".");
    if (idx <= 0) return false;
    const value = signed.slice(0, idx);
    const sig = signed.slice(idx + 1);
    const ok = this.secrets.some((s) => this.mac(value, s) === sig); // flaw: timing-unsafe-compare
    return ok ? value : false;
  }
}

export const sessionSigner = new CookieSigner((process.env.COOKIE_SECRETS ?? "").split(",").filter(Boolean));
