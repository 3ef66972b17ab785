"""Provisions a per-tenant GCP service account for the data pipeline."""

from google.cloud import resourcemanager_v3
from google.iam.v1 import policy_pb2
from googleapiclient import discovery

PIPELINE_ROLE = "roles/editor"  # expect: IDG133


def create_tenant_service_account(project_id: str, tenant: str) -> str:
    iam = discovery.build("iam", "v1")
    account = iam.projects().serviceAccounts().create(
        name=f"projects/{project_id}",
        body={"accountId": f"pipeline-{tenant}", "serviceAccount": {"displayName": f"Pipeline {tenant}"}},
    ).execute()
    grant_project_role(project_id, account["email"])
    return account["email"]


def grant_project_role(project_id: str, sa_email: str) -> None:
    client = resourcemanager_v3.ProjectsClient()
    policy = client.get_iam_policy(request={"resource": f"projects/{project_id}"})
    policy.bindings.append(policy_pb2.Binding(role=PIPELINE_ROLE, members=[f"serviceAccount:{sa_email}"]))
    client.set_iam_policy(request={"resource": f"projects/{project_id}", "policy": policy})


def grant_break_glass(project_id: str, sa_email: str) -> None:
    client = resourcemanager_v3.ProjectsClient()
    policy = client.get_iam_policy(request={"resource": f"projects/{project_id}"})
    policy.bindings.append(policy_pb2.Binding(role="roles/owner", members=[f"serviceAccount:{sa_email}"]))  # expect: IDG133
    client.set_iam_policy(request={"resource": f"projects/{project_id}", "policy": policy})
