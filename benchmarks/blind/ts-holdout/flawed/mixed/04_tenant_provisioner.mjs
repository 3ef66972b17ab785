// Provisions a new tenant: database role, IAM role for the data pipeline, first admin invite.
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import pg from "pg";
import { sendInviteEmail } from "./mailer.mjs";

const iam = new IAMClient({ region: process.env.AWS_REGION });

const dbDefaults = {
  host: process.env.PGHOST,
  database: "platform",
  user: "provisioner",
  password: "pr0v1s10n-Tenant!", // flaw: hardcoded-password
  max: 4,
};

const pool = new pg.Pool({
  ...dbDefaults,
  ssl: { rejectUnauthorized: false }, // flaw: tls-verification-off
});

// Connection strings for tenant databases are kept encrypted in tenants.conn_enc.
const CONN_KEY = Buffer.from(process.env.TENANT_CONN_KEY ?? "", "hex");

export function sealConnectionString(conn) {
  const iv = randomBytes(8);
  const cipher = createCipheriv("bf-cbc", CONN_KEY, iv); // flaw: weak-crypto-key
  return iv.toString("hex") + ":" + Buffer.concat([cipher.update(conn, "utf8"), cipher.final()]).toString("hex");
}

export function openConnectionString(sealed) {
  const [ivHex, body] = sealed.split(":");
  const decipher = createDecipheriv("bf-cbc", CONN_KEY, Buffer.from(ivHex, "hex")); // flaw: weak-crypto-key
  return Buffer.concat([decipher.update(Buffer.from(body, "hex")), decipher.final()]).toString("utf8");
}

function pipelinePolicy(tenantId) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TenantPipeline",
        Effect: "Allow",
        Action: ["s3:*", "glue:*", "iam:*"], // flaw: excessive-privilege
        Resource: "*",
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
    "INSERT INTO invites (code, tenant_id, email, role, expires_at) VALUES ($1, $2, $3, 'admin', now() + interval '3 days')",
    [code, tenantId, adminEmail.toLowerCase()]
  );
  await sendInviteEmail(adminEmail, `${process.env.APP_URL}/join/${code}`);
  return { tenantId, roleName };
}

export async function acceptInvite(code, user) { // flaw: reusable-invite
  const { rows } = await pool.query("SELECT * FROM invites WHERE code = $1 AND expires_at > now()", [code]);
  const invite = rows[0];
  if (!invite) throw new Error("invite not found");
  await pool.query(
    "INSERT INTO tenant_members (tenant_id, user_id, role) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    [invite.tenant_id, user.id, invite.role]
  );
  return { tenantId: invite.tenant_id, role: invite.role };
}

export async function getTenant(tenantId) {
  const { rows } = await pool.query("SELECT id, name, region, pipeline_role, conn_enc FROM tenants WHERE id = $1", [
    tenantId,
  ]);
  if (!rows.length) return null;
  const { conn_enc, ...rest } = rows[0];
  return { ...rest, connectionString: openConnectionString(conn_enc) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [name, adminEmail, region = "eu-west-1"] = process.argv.slice(2);
  provisionTenant({ name, adminEmail, region })
    .then((out) => console.log(JSON.stringify(out)))
    .catch((err) => {
      console.error(err.message);
      process.exitCode = 1;
    })
    .finally(() => pool.end());
}
