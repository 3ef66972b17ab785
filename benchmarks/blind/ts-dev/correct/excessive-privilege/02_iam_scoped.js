"use strict";

const { IAMClient, PutRolePolicyCommand } = require("@aws-sdk/client-iam");

const iam = new IAMClient({ region: process.env.AWS_REGION });

function exportBucketPolicy(bucket, tenantSlug) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["s3:PutObject", "s3:AbortMultipartUpload"],
        Resource: `arn:aws:s3:::${bucket}/exports/${tenantSlug}/*`, // near-miss: excessive-privilege
      },
      {
        Effect: "Allow",
        Action: ["s3:ListBucket"],
        Resource: `arn:aws:s3:::${bucket}`,
        Condition: { StringLike: { "s3:prefix": [`exports/${tenantSlug}/*`] } },
      },
    ],
  };
}

async function attachExportPolicy(roleName, bucket, tenantSlug) {
  await iam.send(
    new PutRolePolicyCommand({
      RoleName: roleName,
      PolicyName: "audit-export-write",
      PolicyDocument: JSON.stringify(exportBucketPolicy(bucket, tenantSlug)),
    })
  );
}

module.exports = { attachExportPolicy, exportBucketPolicy };
