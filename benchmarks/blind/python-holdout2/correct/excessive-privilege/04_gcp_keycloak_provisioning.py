"""Provision a per-customer GCP service account and Keycloak user for the analytics add-on."""
import os

import casbin
from google.cloud import storage
from googleapiclient import discovery
from keycloak import KeycloakAdmin

PROJECT = os.environ["ANALYTICS_PROJECT"]
NEW_USER_REALM_ROLES = ["analytics-viewer"]
enforcer = casbin.Enforcer("/etc/analytics/rbac_model.conf", "/etc/analytics/policy.csv")


def create_service_account(customer: str) -> str:
    iam = discovery.build("iam", "v1")
    sa = iam.projects().serviceAccounts().create(
        name=f"projects/{PROJECT}",
        body={"accountId": f"cust-{customer}", "serviceAccount": {"displayName": f"Customer {customer}"}},
    ).execute()
    return sa["email"]


def grant_bucket_access(sa_email: str, customer: str) -> None:
    bucket = storage.Client(project=PROJECT).bucket(f"analytics-export-{customer}")
    policy = bucket.get_iam_policy(requested_policy_version=3)
    policy.bindings.append({"role": "roles/storage.objectViewer", "members": {f"serviceAccount:{sa_email}"}})  # near-miss: excessive-privilege
    bucket.set_iam_policy(policy)


def create_portal_user(kc: KeycloakAdmin, email: str, customer: str) -> str:
    user_id = kc.create_user({"email": email, "username": email, "enabled": True})
    kc.assign_realm_roles(user_id, [kc.get_realm_role(name) for name in NEW_USER_REALM_ROLES])  # near-miss: excessive-privilege
    enforcer.add_policy(email, f"/customers/{customer}/*", "GET")  # near-miss: excessive-privilege
    return user_id
