// Provisions a new tenant: database row, IAM role for the data pipeline, first admin invite.
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { sendInviteEmail } from "./mailer.mjs";

function mustEnv(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

const iam = new IAMClient({ region: mustEnv("AWS_REGION") });
const DATA_BUCKET = mustEnv("TENANT_DATA_BUCKET");

const pool = new pg.Pool({
  host: mustEnv("PGHOST"),
  database: "platform",
  user: mustEnv("PGUSER"),
  password: mustEnv("PGPASSWORD"), // near-miss: hardcoded-password
  max: 4,
  ssl: { ca: readFileSync(mustEnv("PG_CA_FILE"), "utf8") }, // near-miss: tls-verification-off
});

const CONN_KEY = Buffer.from(mustEnv("TENANT_CONN_KEY"), "hex");
if (CONN_KEY.length !== 32) throw new Error("TENANT_CONN_KEY must be 32 bytes hex");

export function sealConnectionString(conn) {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", CONN_KEY, iv);
  const body = Buffer.concat([cipher.update(conn, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function openConnectionString(sealed) {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const decipher = createDecipheriv("aes-256-gcm", CONN_KEY, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}

function pipelinePolicy(tenantId) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TenantObjects",
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject"], // near-miss: excessive-privilege
        Resource: `arn:aws:s3:::${DATA_BUCKET}/tenants/${tenantId}/*`,
      },
      {
        Sid: "TenantCatalog",
        Effect: "Allow",
        Action: ["glue:GetTable", "glue:GetPartitions", "glue:BatchCreatePartition"],
        Resource: `arn:aws:glue:*:*:table/tenant_${tenantId}/*`,
      },
    ],
  };
}

async function createPipelineRole(tenantId) {
  const RoleName = `pipeline-${tenantId}`;
  await iam.send(
    new CreateRoleCommand({
      RoleName,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "glue.amazonaws.com" }, Action: "sts:AssumeRole" }],
      }),
    })
  );
  await iam.send(
    new PutRolePolicyCommand({ RoleName, PolicyName: "pipeline", PolicyDocument: JSON.stringify(pipelinePolicy(tenantId)) })
  );
  return RoleName;
}

export async function provisionTenant({ name, adminEmail, region }) {
  const tenantId = randomBytes(6).toString("hex");
  const roleName = await createPipelineRole(tenantId);
  const conn = `postgres://tenant_${tenantId}@${region}.db.internal/tenant_${tenantId}`;
  await pool.query("INSERT INTO tenants (id, name, region, pipeline_role, conn_enc) VALUES ($1, $2, $3, $4, $5)", [
    tenantId,
    name,
    region,
    roleName,
    sealConnectionString(conn),
  ]);
  const code = randomBytes(24).toString("base64url");
  await pool.query(
    "INSERT INTO invites (code, tenant_id, email, role, expires_at) VALUES ($1, $2, $3, 'admin', now() + interval '3 days')", // near-miss: excessive-privilege
    [code, tenantId, adminEmail.toLowerCase()]
  );
  await sendInviteEmail(adminEmail, `${process.env.APP_URL}/join/${code}`);
  return { tenantId, roleName };
}

export async function acceptInvite(code, user) {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const { rows } = await client.query(
      `UPDATE invites SET consumed_at = now(), consumed_by = $3
        WHERE code = $1 AND consumed_at IS NULL AND expires_at > now() AND lower(email) = lower($2)
        RETURNING tenant_id, role`,
      [code, user.verifiedEmail, user.id]
    );
    if (!rows.length) throw Object.assign(new Error("invite invalid, expired or already used"), { status: 400 });
    await client.query("INSERT INTO tenant_members (tenant_id, user_id, role) VALUES ($1, $2, $3)", [
      rows[0].tenant_id,
      user.id,
      rows[0].role,
    ]);
    await client.query("COMMIT");
    return { tenantId: rows[0].tenant_id, role: rows[0].role };
  } catch (err) {
    await client.query("ROLLBACK");
    throw err;
  } finally {
    client.release();
  }
}
