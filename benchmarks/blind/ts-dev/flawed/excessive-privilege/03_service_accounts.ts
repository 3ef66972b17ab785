import * as k8s from "@kubernetes/client-node";
import { randomBytes } from "crypto";
import bcrypt from "bcrypt";
import { db } from "./db";

const kc = new k8s.KubeConfig();
kc.loadFromCluster();
const rbac = kc.makeApiClient(k8s.RbacAuthorizationV1Api);

type KeyOptions = { scopes?: string[]; expiresInDays?: number };

export async function createApiKey(projectId: string, createdBy: string, opts: KeyOptions = {}) {
  const secret = randomBytes(32).toString("base64url");
  const scopes = opts.scopes ?? ["*"]; // flaw: excessive-privilege
  const record = await db.apiKey.create({
    data: {
      projectId,
      createdBy,
      scopes,
      secretHash: await bcrypt.hash(secret, 12),
      expiresAt: new Date(Date.now() + (opts.expiresInDays ?? 90) * 86400_000),
    },
  });
  return { id: record.id, secret };
}

export async function bindCiServiceAccount(namespace: string, saName: string) {
  await rbac.createClusterRoleBinding({
    body: {
      metadata: { name: `${namespace}-${saName}-deployer` },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "cluster-admin" }, // flaw: excessive-privilege
      subjects: [{ kind: "ServiceAccount", name: saName, namespace }],
    },
  });
}
