"""IDG242: service-account impersonation roles granted on a whole project, folder or organisation."""

from __future__ import annotations

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

    ## References
    CWE-269 Improper Privilege Management; CWE-266; OWASP NHI5; NIST CSF 2.0
    PR.AA-05; CIS Google Cloud 1.6.
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
    )
    VALID = [
        'resource "google_service_account_iam_member" "ci" {\n  service_account_id = "projects/p/serviceAccounts/d@p.iam.gserviceaccount.com"\n'
        '  role = "roles/iam.serviceAccountTokenCreator"\n  member = "serviceAccount:ci@p.iam.gserviceaccount.com"\n}\n',
        'resource "google_project_iam_member" "ci" {\n  project = "p"\n  role = "roles/iam.serviceAccountViewer"\n'
        '  member = "serviceAccount:ci@p.iam.gserviceaccount.com"\n}\n',
        'resource "google_service_account_iam_binding" "wi" {\n  service_account_id = "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com"\n'
        '  role = "roles/iam.workloadIdentityUser"\n  members = ["serviceAccount:p.svc.id.goog[app/api]"]\n}\n',
    ]
    INVALID = [
        'resource "google_project_iam_member" "ci" {\n  project = "p"\n  role = "roles/iam.serviceAccountTokenCreator"\n'
        '  member = "serviceAccount:ci@p.iam.gserviceaccount.com"\n}\n',
        'resource "google_project_iam_binding" "users" {\n  project = "p"\n  role = "roles/iam.serviceAccountUser"\n'
        '  members = ["group:devs@example.com"]\n}\n',
        'resource "google_organization_iam_member" "o" {\n  org_id = "123"\n  role = "roles/iam.serviceAccountKeyAdmin"\n'
        '  member = "user:ops@example.com"\n}\n',
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
