package com.acme.analytics.iam;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;

/**
 * Creates the role assumed by the analytics export job. The policy allows
 * only reading one bucket prefix.
 */
public class ReadOnlyPolicyWriter {

    private final IamClient iam;

    public ReadOnlyPolicyWriter(IamClient iam) {
        this.iam = iam;
    }

    public void createExportRole(String roleName, String trustPolicyJson, String bucket, String prefix) {
        iam.createRole(CreateRoleRequest.builder()
                .roleName(roleName)
                .assumeRolePolicyDocument(trustPolicyJson)
                .build());
        iam.putRolePolicy(PutRolePolicyRequest.builder()
                .roleName(roleName)
                .policyName("export-read")
                .policyDocument(policy(bucket, prefix)) // near-miss: excessive-privilege
                .build());
    }

    static String policy(String bucket, String prefix) {
        return """
            {
              "Version": "2012-10-17",
              "Statement": [
                {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::%s/%s/*"},
                {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": "arn:aws:s3:::%s",
                 "Condition": {"StringLike": {"s3:prefix": ["%s/*"]}}}
              ]
            }
            """.formatted(bucket, prefix, bucket, prefix); // near-miss: excessive-privilege
    }
}
