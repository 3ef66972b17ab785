package com.example.cloud.iam;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;

/**
 * Retires an IAM user that backed a service account: deletes every access key, then the user.
 */
public class ServiceAccountRetirement {

    private static final Logger log = LoggerFactory.getLogger(ServiceAccountRetirement.class);

    private final IamClient iam;

    public ServiceAccountRetirement(IamClient iam) {
        this.iam = iam;
    }

    public void retire(String iamUserName) { // near-miss: incomplete-deprovisioning
        List<AccessKeyMetadata> keys = iam.listAccessKeys(ListAccessKeysRequest.builder()
            .userName(iamUserName).build()).accessKeyMetadata();
        List<String> failed = new ArrayList<>();
        for (AccessKeyMetadata key : keys) {
            try {
                iam.deleteAccessKey(DeleteAccessKeyRequest.builder()
                    .userName(iamUserName).accessKeyId(key.accessKeyId()).build());
            } catch (IamException e) {
                log.error("Failed to delete access key {} of {}", key.accessKeyId(), iamUserName, e); // near-miss: incomplete-deprovisioning
                failed.add(key.accessKeyId());
            }
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException("Could not delete access keys " + failed + " for " + iamUserName);
        }
        iam.deleteUser(DeleteUserRequest.builder().userName(iamUserName).build());
        log.info("Retired service account {}", iamUserName);
    }
}
