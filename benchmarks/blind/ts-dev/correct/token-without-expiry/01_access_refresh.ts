import jwt, { SignOptions } from "jsonwebtoken";
import { randomBytes } from "crypto";

const accessSecret = process.env.ACCESS_TOKEN_SECRET;
if (!accessSecret) throw new Error("ACCESS_TOKEN_SECRET missing");

const baseOptions: SignOptions = {
  algorithm: "HS256",
  issuer: "auth-service",
  audience: "api",
};

export function issueAccessToken(userId: string, roles: string[]): string {
  return jwt.sign({ roles }, accessSecret as string, {
    ...baseOptions,
    subject: userId,
    expiresIn: "15m", // near-miss: token-without-expiry
  });
}

export interface RefreshRecord {
  token: string;
  expiresAt: Date;
}

// Opaque refresh tokens live in the database with their own expiry
export function newRefreshToken(): RefreshRecord {
  return {
    token: randomBytes(32).toString("base64url"),
    expiresAt: new Date(Date.now() + 14 * 24 * 3600 * 1000),
  };
}
