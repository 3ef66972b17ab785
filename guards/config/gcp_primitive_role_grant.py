"""IDG241: a GCP primitive role (`roles/owner`, `roles/editor`) granted to a user or service account."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard

PRIMITIVE_ROLES = {"roles/owner", "roles/editor"}
_PRINCIPAL_PREFIXES = ("user:", "serviceaccount:", "group:", "domain:", "principal:", "principalset:")


def _severity(role: str, to_workload: bool) -> Severity:
    """Service accounts: high. People: owner is medium, editor low (reviewed, not blocked)."""
    if to_workload:
        return Severity.high
    return Severity.medium if role.strip().lower() == "roles/owner" else Severity.low


class GcpPrimitiveRoleGrant(ConfigGuard):
    """
    ## What it does
    Finds `roles/owner` and `roles/editor` granted to users, groups, domains
    or service accounts, in Terraform IAM resources and IAM policy files. To a
    service account: high. To people: `owner` medium, `editor` low (people
    are reviewed and offboarded; workloads are where the role is abused).

    ## Why is this bad?
    The primitive roles predate IAM's fine-grained roles: `editor` can change
    almost every resource of the project and `owner` can also grant access.
    A service account with `editor` (the old default) turns any compromised VM
    or CI job into project-wide control.

    ## Example
    ```hcl
    resource "google_project_iam_member" "ci" {
      project = var.project
      role    = "roles/editor"
      member  = "serviceAccount:${google_service_account.ci.email}"
    }
    ```

    ## Use instead
    ```hcl
    resource "google_project_iam_member" "ci" {
      project = var.project
      role    = "roles/run.developer"
      member  = "serviceAccount:${google_service_account.ci.email}"
    }
    ```
    """

    id = "IDG241"
    name = "gcp-primitive-role-grant"
    title = "GCP primitive owner/editor role granted"
    languages = ("terraform", "yaml", "json")
    meta = GuardMeta(
        cwe=["CWE-250", "CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy", "service_account"],
        see_also=["CIS Google Cloud 1.5"],
    )
    VALID = [
        Valid(
            """
            resource "google_project_iam_member" "ci" {
              project = "p"
              role = "roles/run.developer"
              member = "serviceAccount:ci@p.iam.gserviceaccount.com"
            }
            """
        ),
        Valid(
            """
            resource "google_project_iam_member" "audit" {
              project = "p"
              role = "roles/viewer"
              member = "group:auditors@example.com"
            }
            """
        ),
        Valid(
            """
            resource "google_project_iam_custom_role" "r" {
              role_id = "editor"
              title = "Editor"
              permissions = ["storage.buckets.get"]
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "google_project_iam_member" "ci" {
              project = "p"
              role = "roles/editor"
              member = "serviceAccount:${google_service_account.ci.email}"
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_project_iam_binding" "owners" {
              project = "p"
              role = "roles/owner"
              members = ["user:bob@example.com"]
            }
            """,
            line=3,
        ),
        Invalid(
            """
            data "google_iam_policy" "admin" {
              binding {
                role = "roles/owner"
                members = ["group:platform@example.com"]
              }
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for binding in ctx.gcp_bindings:
            if binding.role.strip().lower() not in PRIMITIVE_ROLES:
                continue
            principals = [m for m in binding.members if str(m).strip().lower().startswith(_PRINCIPAL_PREFIXES)]
            if not principals:
                continue
            workload = [m for m in principals if str(m).strip().lower().startswith("serviceaccount:")]
            findings.append(
                self.finding(
                    ctx,
                    binding.line,
                    f"Primitive role `{binding.role}` granted to `{(workload or principals)[0]}`"
                    + (": a compromised workload controls the project." if workload else "."),
                    fix="Grant predefined or custom roles with the permissions the principal uses.",
                    severity=_severity(binding.role, bool(workload)),
                )
            )
        return findings
