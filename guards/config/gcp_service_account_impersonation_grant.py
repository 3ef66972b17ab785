"""IDG242: service-account impersonation roles granted on a whole project, folder or organisation."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard

IMPERSONATION_ROLES = {
    "roles/iam.serviceaccounttokencreator",
    "roles/iam.serviceaccountuser",
    "roles/iam.serviceaccountkeyadmin",
    "roles/iam.workloadidentityuser",
}


class GcpServiceAccountImpersonationGrant(ConfigGuard):
    """
    ## What it does
    Finds `roles/iam.serviceAccountTokenCreator`, `roles/iam.serviceAccountUser`,
    `roles/iam.serviceAccountKeyAdmin` and `roles/iam.workloadIdentityUser`
    granted at project, folder or organisation level in Terraform
    (`google_project_iam_*`, `google_folder_iam_*`,
    `google_organization_iam_*`). Granted on one service account
    (`google_service_account_iam_member`) they are the intended pattern and
    are not reported.

    ## Why is this bad?
    At project level these roles apply to every service account of the
    project: the holder can mint tokens for, act as, or create keys for the
    most privileged one. It is privilege escalation to the project's strongest
    identity.

    ## Example
    ```hcl
    resource "google_project_iam_member" "ci" {
      project = var.project
      role    = "roles/iam.serviceAccountTokenCreator"
      member  = "serviceAccount:ci@my-project.iam.gserviceaccount.com"
    }
    ```

    ## Use instead
    ```hcl
    resource "google_service_account_iam_member" "ci_deployer" {
      service_account_id = google_service_account.deployer.name
      role               = "roles/iam.serviceAccountTokenCreator"
      member             = "serviceAccount:ci@my-project.iam.gserviceaccount.com"
    }
    ```
    """

    id = "IDG242"
    name = "gcp-service-account-impersonation-grant"
    title = "Service-account impersonation role granted project-wide"
    languages = ("terraform",)
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-266"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["iam_policy", "service_account"],
        see_also=["CIS Google Cloud 1.6"],
    )
    VALID = [
        Valid(
            """
            resource "google_service_account_iam_member" "ci" {
              service_account_id = "projects/p/serviceAccounts/d@p.iam.gserviceaccount.com"
              role = "roles/iam.serviceAccountTokenCreator"
              member = "serviceAccount:ci@p.iam.gserviceaccount.com"
            }
            """
        ),
        Valid(
            """
            resource "google_project_iam_member" "ci" {
              project = "p"
              role = "roles/iam.serviceAccountViewer"
              member = "serviceAccount:ci@p.iam.gserviceaccount.com"
            }
            """
        ),
        Valid(
            """
            resource "google_service_account_iam_binding" "wi" {
              service_account_id = "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com"
              role = "roles/iam.workloadIdentityUser"
              members = ["serviceAccount:p.svc.id.goog[app/api]"]
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "google_project_iam_member" "ci" {
              project = "p"
              role = "roles/iam.serviceAccountTokenCreator"
              member = "serviceAccount:ci@p.iam.gserviceaccount.com"
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_project_iam_binding" "users" {
              project = "p"
              role = "roles/iam.serviceAccountUser"
              members = ["group:devs@example.com"]
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_organization_iam_member" "o" {
              org_id = "123"
              role = "roles/iam.serviceAccountKeyAdmin"
              member = "user:ops@example.com"
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for binding in ctx.gcp_bindings:
            if binding.scope in ("project", "folder", "organization") and binding.role.lower() in IMPERSONATION_ROLES:
                findings.append(
                    self.finding(
                        ctx,
                        binding.line,
                        f"`{binding.role}` at {binding.scope} level applies to every service account "
                        f"of the {binding.scope}: the members can act as the most privileged one.",
                        fix="Grant the role on the one service account (`google_service_account_iam_member`).",
                    )
                )
        return findings
