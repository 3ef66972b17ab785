package com.example.storage.tenants;

import software.amazon.awssdk.policybuilder.iam.IamEffect;
import software.amazon.awssdk.policybuilder.iam.IamPolicy;
import software.amazon.awssdk.policybuilder.iam.IamStatement;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyResponse;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;

/**
 * Creates a per-tenant IAM user that the tenant's uploader agent uses to write to its S3 prefix.
 */
public class TenantBucketPolicyWriter {

    private final IamClient iam;
    private final String bucket;

    public TenantBucketPolicyWriter(IamClient iam, String bucket) {
        this.iam = iam;
        this.bucket = bucket;
    }

    public CreateAccessKeyResponse provision(String tenantId) {
        String userName = "uploader-" + tenantId;
        iam.createUser(CreateUserRequest.builder().userName(userName).path("/tenants/").build());

        IamPolicy policy = IamPolicy.builder()
            .addStatement(IamStatement.builder()
                .effect(IamEffect.ALLOW)
                .addAction("*") // flaw: excessive-privilege
                .addResource("arn:aws:s3:::" + bucket + "/tenants/" + tenantId + "/*")
                .build())
            .build();

        iam.putUserPolicy(PutUserPolicyRequest.builder()
            .userName(userName)
            .policyName("tenant-upload")
            .policyDocument(policy.toJson())
            .build());
        return iam.createAccessKey(CreateAccessKeyRequest.builder().userName(userName).build());
    }
}
