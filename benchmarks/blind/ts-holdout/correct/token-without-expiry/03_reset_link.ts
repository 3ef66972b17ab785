import jwt from "jsonwebtoken";
import { createHash } from "node:crypto";

const RESET_WINDOW_SECONDS = 10 * 60;

function resetSecret(passwordHash: string): string {
  const base = process.env.RESET_TOKEN_SECRET;
  if (!base) throw new Error("RESET_TOKEN_SECRET missing");
  // binding the current hash invalidates the link once the password changes
  return base + passwordHash;
}

export function resetLink(user: { id: string; passwordHash: string }, appUrl: string): string {
  const now = Math.floor(Date.now() / 1000);
  const token = jwt.sign( // near-miss: token-without-expiry
    { sub: user.id, purpose: "reset", iat: now, exp: now + RESET_WINDOW_SECONDS },
    resetSecret(user.passwordHash),
    { algorithm: "HS256" },
  );
  return `${appUrl}/reset?token=${encodeURIComponent(token)}`;
}

export function verifyResetToken(token: string, user: { id: string; passwordHash: string }) {
  const claims = jwt.verify(token, resetSecret(user.passwordHash), { algorithms: ["HS256"] }) as jwt.JwtPayload;
  if (claims.sub !== user.id || claims.purpose !== "reset") throw new Error("token mismatch");
  return claims;
}

// cache key for the rate limiter (not secret)
export const limiterKey = (ip: string) => createHash("sha256").update(`reset:${ip}`).digest("hex");
