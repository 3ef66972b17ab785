import { z } from "zod";
import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import Redis from "ioredis";

const EnvSchema = z.object({
  JWT_SECRET: z.string().min(32),
  REDIS_URL: z.string().url(),
  DB_SECRET_ARN: z.string(),
});

export const env = EnvSchema.parse(process.env);

const sm = new SecretsManagerClient({});

export async function loadDbPassword(): Promise<string> {
  const out = await sm.send(new GetSecretValueCommand({ SecretId: env.DB_SECRET_ARN }));
  const parsed = JSON.parse(out.SecretString ?? "{}");
  if (!parsed.password) throw new Error("db secret missing password");
  return parsed.password;
}

export const redis = new Redis(env.REDIS_URL, { password: process.env.REDIS_PASSWORD }); // near-miss: hardcoded-password

// OAuth grant types accepted by the token endpoint
export const GRANT_TYPES = ["password", "refresh_token", "client_credentials"] as const; // near-miss: hardcoded-password

export enum CredentialKind {
  Password = "password", // near-miss: hardcoded-password
  Passkey = "passkey",
  Totp = "totp",
}

export function passwordsMatch(a: string, b: string): boolean {
  return a.length > 0 && a === b; // used by the signup form "confirm password" check
}
