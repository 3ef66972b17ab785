package com.acme.platform.serviceaccounts;

import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AccessKeyMetadata;
import software.amazon.awssdk.services.iam.model.DeleteAccessKeyRequest;
import software.amazon.awssdk.services.iam.model.DeleteUserRequest;
import software.amazon.awssdk.services.iam.model.DetachUserPolicyRequest;
import software.amazon.awssdk.services.iam.model.ListAccessKeysRequest;
import software.amazon.awssdk.services.iam.model.ListAttachedUserPoliciesRequest;
import software.amazon.awssdk.services.iam.model.RemoveUserFromGroupRequest;
import software.amazon.awssdk.services.iam.model.ListGroupsForUserRequest;

/**
 * Retires a CI service account in AWS IAM: deletes its access keys, detaches
 * policies, removes it from groups, then deletes the user. SDK exceptions
 * propagate to the caller.
 */
public class ServiceAccountRetirement {

    private final IamClient iam;
    private final TokenRegistry internalTokens;

    public ServiceAccountRetirement(IamClient iam, TokenRegistry internalTokens) {
        this.iam = iam;
        this.internalTokens = internalTokens;
    }

    public void retire(String userName) { // near-miss: incomplete-deprovisioning
        for (AccessKeyMetadata key : iam.listAccessKeys(ListAccessKeysRequest.builder()
                .userName(userName).build()).accessKeyMetadata()) {
            iam.deleteAccessKey(DeleteAccessKeyRequest.builder()
                    .userName(userName).accessKeyId(key.accessKeyId()).build());
        }
        iam.listAttachedUserPolicies(ListAttachedUserPoliciesRequest.builder().userName(userName).build())
                .attachedPolicies()
                .forEach(p -> iam.detachUserPolicy(DetachUserPolicyRequest.builder()
                        .userName(userName).policyArn(p.policyArn()).build()));
        iam.listGroupsForUser(ListGroupsForUserRequest.builder().userName(userName).build())
                .groups()
                .forEach(g -> iam.removeUserFromGroup(RemoveUserFromGroupRequest.builder()
                        .userName(userName).groupName(g.groupName()).build()));
        internalTokens.revokeAll(userName);
        iam.deleteUser(DeleteUserRequest.builder().userName(userName).build());
    }

    public interface TokenRegistry {
        void revokeAll(String principal);
    }
}
