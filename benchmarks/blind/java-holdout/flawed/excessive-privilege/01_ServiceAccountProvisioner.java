package com.acme.platform.iam;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.CreateUserRequest;
import software.amazon.awssdk.services.iam.model.PutUserPolicyRequest;

/**
 * Creates per-tenant IAM users for the data connector so each tenant's
 * connector can write into its own S3 prefix.
 */
public class ServiceAccountProvisioner {

    private final IamClient iam;
    private final String bucket;

    public ServiceAccountProvisioner(IamClient iam, String bucket) {
        this.iam = iam;
        this.bucket = bucket;
    }

    public String provision(String tenantId) {
        String userName = "connector-" + tenantId;
        iam.createUser(CreateUserRequest.builder().userName(userName).path("/connectors/").build());
        iam.putUserPolicy(PutUserPolicyRequest.builder()
                .userName(userName)
                .policyName("connector-access")
                .policyDocument(PolicyDocuments.connector(bucket, tenantId))
                .build());
        return iam.createAccessKey(CreateAccessKeyRequest.builder().userName(userName).build())
                .accessKey().accessKeyId();
    }

    static final class PolicyDocuments {
        private PolicyDocuments() {
        }

        static String connector(String bucket, String tenantId) {
            String statement = "{\"Effect\":\"Allow\","
                    + "\"Action\":\"s3:*\",\"Resource\":\"*\"}"; // flaw: excessive-privilege
            return "{\"Version\":\"2012-10-17\",\"Statement\":[" + statement + "]}";
        }
    }
}
