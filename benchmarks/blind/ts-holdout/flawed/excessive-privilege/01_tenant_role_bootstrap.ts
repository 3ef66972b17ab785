import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from "@aws-sdk/client-iam";

const iam = new IAMClient({ region: process.env.AWS_REGION });

function trustPolicy(accountId: string, externalId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "sts:ExternalId": externalId } },
      },
    ],
  };
}

const tenantBucketStatement = (tenantId: string) => ({
  Effect: "Allow",
  Action: "*", // flaw: excessive-privilege
  Resource: "*",
});

export async function bootstrapTenantRole(tenantId: string, integratorAccountId: string, externalId: string) {
  const roleName = `tenant-${tenantId}-integration`;
  await iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify(trustPolicy(integratorAccountId, externalId)),
      MaxSessionDuration: 3600,
      Tags: [{ Key: "tenant", Value: tenantId }],
    }),
  );
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: "tenant-data-access",
      PolicyDocument: JSON.stringify({ Version: "2012-10-17", Statement: [tenantBucketStatement(tenantId)] }),
    }),
  );
  return roleName;
}
