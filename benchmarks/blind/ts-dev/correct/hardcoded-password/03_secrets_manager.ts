import { SecretsManagerClient, GetSecretValueCommand } from "@aws-sdk/client-secrets-manager";
import Redis from "ioredis";

/**
 * Example secret layout (placeholder values):
 *   { "redisPassword": "<redis-password>", "jwtSigningKey": "<base64 key>" }
 */
interface IdentitySecrets {
  redisPassword: string;
  jwtSigningKey: string;
}

const sm = new SecretsManagerClient({ region: process.env.AWS_REGION });
let cached: IdentitySecrets | undefined;

export async function loadSecrets(): Promise<IdentitySecrets> {
  if (cached) return cached;
  const secretId = process.env.IDENTITY_SECRET_ARN;
  if (!secretId) throw new Error("IDENTITY_SECRET_ARN not set");
  const out = await sm.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!out.SecretString) throw new Error("identity secret is empty");
  cached = JSON.parse(out.SecretString) as IdentitySecrets;
  return cached;
}

export async function connectRedis(): Promise<Redis> {
  const { redisPassword } = await loadSecrets();
  return new Redis({
    host: process.env.REDIS_HOST,
    port: 6380,
    password: redisPassword, // near-miss: hardcoded-password
    tls: {},
  });
}
