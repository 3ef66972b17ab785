"""Weekly audit: report service accounts holding primitive roles and grant least-privilege replacements."""

from google.cloud import resourcemanager_v3
from google.iam.v1 import policy_pb2

PRIMITIVE_ROLES = {"roles/owner", "roles/editor", "roles/viewer"}  # ok: IDG133
PIPELINE_ROLE = "roles/bigquery.dataEditor"  # ok: IDG133


def primitive_bindings(project_id: str) -> list[tuple[str, str]]:
    client = resourcemanager_v3.ProjectsClient()
    policy = client.get_iam_policy(request={"resource": f"projects/{project_id}"})
    found = []
    for binding in policy.bindings:
        if binding.role in PRIMITIVE_ROLES or binding.role == "roles/owner":  # ok: IDG133
            found.extend((binding.role, m) for m in binding.members if m.startswith("serviceAccount:"))
    return found


def grant_pipeline_role(project_id: str, sa_email: str) -> None:
    client = resourcemanager_v3.ProjectsClient()
    policy = client.get_iam_policy(request={"resource": f"projects/{project_id}"})
    policy.bindings.append(policy_pb2.Binding(role=PIPELINE_ROLE, members=[f"serviceAccount:{sa_email}"]))  # ok: IDG133
    client.set_iam_policy(request={"resource": f"projects/{project_id}", "policy": policy})
