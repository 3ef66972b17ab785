"""IDG240: a GCP IAM role granted to `allUsers` or `allAuthenticatedUsers`."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.gcp import CloudBinding
from .support.guard import ConfigContext, ConfigGuard

PUBLIC_MEMBERS = {"allusers", "allauthenticatedusers"}
# Roles that only publish content or an endpoint: still reported, but for review, not blocked.
_PUBLISHING_ROLES = {
    "roles/storage.objectviewer",
    "roles/storage.legacyobjectreader",
    "roles/run.invoker",
    "roles/cloudfunctions.invoker",
}


class GcpPublicIamMember(ConfigGuard):
    """
    ## What it does
    Finds GCP IAM grants to `allUsers` (anyone on the internet) or
    `allAuthenticatedUsers` (any Google account) in Terraform
    (`google_*_iam_member`, `google_*_iam_binding`, `google_iam_policy`) and in
    IAM policy files (`bindings: [{role, members}]`). Publishing roles
    (`roles/storage.objectViewer` for a public website bucket,
    `roles/run.invoker` for a public service) are reported as medium, for a
    deliberate review (low on a bucket of the file configured as a
    `website`); any other role is high. Members of `for_each` sets
    (`member = each.value`) and Config Connector `IAMPolicyMember` and
    `IAMPartialPolicy` resources count.

    ## Why is this bad?
    `allAuthenticatedUsers` is not "our users": it is every Google account in
    the world. Granting a data or admin role to either member publishes the
    resource, and such grants are a leading cause of cloud data leaks.

    ## Example
    ```hcl
    resource "google_storage_bucket_iam_member" "exports" {
      bucket = google_storage_bucket.exports.name
      role   = "roles/storage.objectAdmin"
      member = "allAuthenticatedUsers"
    }
    ```

    ## Use instead
    ```hcl
    resource "google_storage_bucket_iam_member" "exports" {
      bucket = google_storage_bucket.exports.name
      role   = "roles/storage.objectViewer"
      member = "group:analysts@example.com"
    }
    ```
    """

    id = "IDG240"
    name = "gcp-public-iam-member"
    title = "GCP role granted to allUsers or allAuthenticatedUsers"
    languages = ("terraform", "yaml", "json")
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-200"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="high",
        impact="medium",
        confidence="high",
        categories=["iam_policy"],
        see_also=["CIS Google Cloud 5.1 and 6.x"],
    )
    VALID = [
        Valid(
            """
            resource "google_storage_bucket_iam_member" "m" {
              bucket = "exports"
              role   = "roles/storage.objectViewer"
              member = "group:analysts@example.com"
            }
            """
        ),
        Valid(
            """
            resource "google_project_iam_binding" "b" {
              project = "p"
              role = "roles/viewer"
              members = ["user:alice@example.com"]
            }
            """
        ),
        Valid(
            """
            variable "public_members" {
              default = ["allUsers"]
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "google_storage_bucket_iam_member" "m" {
              bucket = "exports"
              role   = "roles/storage.objectAdmin"
              member = "allAuthenticatedUsers"
            }
            """,
            line=4,
        ),
        Invalid(
            """
            resource "google_storage_bucket_iam_binding" "site" {
              bucket = "www"
              role    = "roles/storage.objectViewer"
              members = ["allUsers"]
            }
            """,
            line=4,
        ),
        Invalid(
            """
            data "google_iam_policy" "p" {
              binding {
                role = "roles/bigquery.dataViewer"
                members = ["user:a@example.com", "allUsers"]
              }
            }
            """,
            line=4,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for binding in ctx.gcp_bindings:
            public = [m for m in binding.members if str(m).strip().lower() in PUBLIC_MEMBERS]
            if not public:
                continue
            publishing = binding.role.lower() in _PUBLISHING_ROLES
            website = publishing and _website_bucket(ctx, binding)
            for member in public:
                findings.append(
                    self.finding(
                        ctx,
                        getattr(member, "line", binding.member_line),
                        f"`{binding.role}` is granted to `{member}`: "
                        + ("anyone on the internet." if str(member).lower() == "allusers" else "any Google account."),
                        fix="Grant the role to named users, groups or service accounts; publish content through "
                        "a CDN or signed URLs.",
                        # A bucket configured as a website is meant to be read by anyone: reported for the record.
                        severity=Severity.low if website else Severity.medium if publishing else Severity.high,
                    )
                )
        return findings


def _website_bucket(ctx: ConfigContext, binding: CloudBinding) -> bool:
    """The binding's bucket is a `google_storage_bucket` of the file with a `website` block."""
    if binding.block is None or not binding.resource_type.startswith("google_storage_bucket_iam"):
        return False
    bucket = str(binding.block.get("bucket", ""))
    return any(
        f"google_storage_bucket.{b.labels[1]}." in bucket + "." or str(b.get("name", "")) == bucket
        for b in ctx.terraform_resources("google_storage_bucket")
        if b.get("website") and len(b.labels) > 1
    )
