package com.example.storage.tenants;

import software.amazon.awssdk.policybuilder.iam.IamConditionOperator;
import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;

/**
 * Attaches a scoped inline policy to a tenant's reporting role: read-only access to its own prefix.
 */
public class ReadOnlyRoleCreator {

    private final IamClient iam;
    private final String bucket;

    public ReadOnlyRoleCreator(IamClient iam, String bucket) {
        this.iam = iam;
        this.bucket = bucket;
    }

    public void attachReadPolicy(String roleName, String tenantId) {
        IamPolicy policy = IamPolicy.builder()
            .addStatement(IamStatement.builder()
                .effect(IamEffect.ALLOW)
                .addAction("s3:GetObject") // near-miss: excessive-privilege
                .addResource("arn:aws:s3:::" + bucket + "/tenants/" + tenantId + "/*") // near-miss: excessive-privilege
                .build())
            .addStatement(IamStatement.builder()
                .effect(IamEffect.ALLOW)
                .addAction("s3:ListBucket")
                .addResource("arn:aws:s3:::" + bucket)
                .addCondition(IamConditionOperator.STRING_LIKE, "s3:prefix", "tenants/" + tenantId + "/*")
                .build())
            .build();
        iam.putRolePolicy(PutRolePolicyRequest.builder()
            .roleName(roleName)
            .policyName("tenant-read")
            .policyDocument(policy.toJson())
            .build());
    }
}
