import { randomBytes } from "crypto";
import bcrypt from "bcrypt";
import { db } from "./db";

export const KNOWN_SCOPES = ["projects:read", "deployments:read", "deployments:write", "logs:read"] as const;
export type Scope = (typeof KNOWN_SCOPES)[number];

const DEFAULT_SCOPES: Scope[] = ["projects:read"];

export async function createApiKey(
  projectId: string,
  creator: { id: string; scopes: Scope[] },
  requested?: Scope[],
) {
  const scopes = requested?.length ? requested : DEFAULT_SCOPES;
  const unknown = scopes.filter((s) => !KNOWN_SCOPES.includes(s));
  if (unknown.length) throw new Error(`unknown scopes: ${unknown.join(", ")}`);
  // a key can never carry more than the person creating it holds
  const excess = scopes.filter((s) => !creator.scopes.includes(s));
  if (excess.length) throw new Error(`cannot grant scopes you do not hold: ${excess.join(", ")}`);

  const secret = randomBytes(32).toString("base64url");
  const record = await db.apiKey.create({
    data: {
      projectId,
      createdBy: creator.id,
      scopes,
      secretHash: await bcrypt.hash(secret, 12),
      expiresAt: new Date(Date.now() + 90 * 86400_000),
    },
  });
  return { id: record.id, secret };
}
