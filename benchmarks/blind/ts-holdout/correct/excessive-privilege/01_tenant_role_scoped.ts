import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";

const iam = new IAMClient({ region: process.env.AWS_REGION });
const DATA_BUCKET = process.env.TENANT_DATA_BUCKET!;

function tenantPolicy(tenantId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["s3:GetObject", "s3:PutObject"], // near-miss: excessive-privilege
        Resource: `arn:aws:s3:::${DATA_BUCKET}/tenants/${tenantId}/*`,
      },
      {
        Effect: "Allow",
        Action: "s3:ListBucket",
        Resource: `arn:aws:s3:::${DATA_BUCKET}`,
        Condition: { StringLike: { "s3:prefix": [`tenants/${tenantId}/*`] } },
      },
    ],
  };
}

export async function bootstrapTenantRole(tenantId: string, integratorAccountId: string, externalId: string) {
  const roleName = `tenant-${tenantId}-integration`;
  await iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { AWS: `arn:aws:iam::${integratorAccountId}:root` },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": externalId } },
          },
        ],
      }),
      MaxSessionDuration: 3600,
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({ RoleName: roleName, PolicyName: "tenant-data", PolicyDocument: JSON.stringify(tenantPolicy(tenantId)) }),
  );
  return roleName;
}
