"""Provision a per-customer GCP service account and Keycloak user for the analytics add-on."""
import os

from google.cloud import resourcemanager_v3
from google.iam.v1 import policy_pb2
from googleapiclient import discovery
from keycloak import KeycloakAdmin
import casbin

PROJECT = os.environ["ANALYTICS_PROJECT"]
NEW_USER_REALM_ROLES = ["admin", "offline_access"]
enforcer = casbin.Enforcer("/etc/analytics/rbac_model.conf", "/etc/analytics/policy.csv")


def create_service_account(customer: str) -> str:
    iam = discovery.build("iam", "v1")
    sa = iam.projects().serviceAccounts().create(
        name=f"projects/{PROJECT}",
        body={"accountId": f"cust-{customer}", "serviceAccount": {"displayName": f"Customer {customer}"}},
    ).execute()
    return sa["email"]


def grant_project_role(sa_email: str) -> None:
    client = resourcemanager_v3.ProjectsClient()
    policy = client.get_iam_policy(resource=f"projects/{PROJECT}")
    policy.bindings.append(policy_pb2.Binding(role="roles/owner", members=[f"serviceAccount:{sa_email}"]))  # flaw: excessive-privilege
    client.set_iam_policy(request={"resource": f"projects/{PROJECT}", "policy": policy})


def create_portal_user(kc: KeycloakAdmin, email: str) -> str:
    user_id = kc.create_user({"email": email, "username": email, "enabled": True})
    roles = [kc.get_realm_role(name) for name in NEW_USER_REALM_ROLES]
    kc.assign_realm_roles(user_id, roles)  # flaw: excessive-privilege
    enforcer.add_policy(email, "*", "*")  # flaw: excessive-privilege
    return user_id
