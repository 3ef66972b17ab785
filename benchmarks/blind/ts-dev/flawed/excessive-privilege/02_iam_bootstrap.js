"use strict";

const { IAMClient, CreateRoleCommand, PutRolePolicyCommand } = require("@aws-sdk/client-iam");

const iam = new IAMClient({ region: process.env.AWS_REGION });

function trustPolicyFor(accountId, externalId) {
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

// Role the tenant's integration assumes to push audit exports
async function createTenantIntegrationRole(tenant) {
  const roleName = `tenant-${tenant.slug}-integration`;
  await iam.send(
    new CreateRoleCommand({
      RoleName: roleName,
      AssumeRolePolicyDocument: JSON.stringify(trustPolicyFor(tenant.awsAccountId, tenant.externalId)),
      MaxSessionDuration: 3600,
    })
  );

  const permissions = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }], // flaw: excessive-privilege
  };
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: "integration-access",
      PolicyDocument: JSON.stringify(permissions),
    })
  );
  return roleName;
}

module.exports = { createTenantIntegrationRole };
