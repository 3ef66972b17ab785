"""IDG240: a GCP IAM role granted to `allUsers` or `allAuthenticatedUsers`."""

from __future__ import annotations

import re
from typing import Any

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.gcp import CloudBinding
from .support.guard import ConfigContext, ConfigGuard
from .support.parse import LDict, LStr
from .support.terraform import blocks

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
            variable "invokers" {
              type = list(string)
              validation {
                condition     = !contains(var.invokers, "allUsers")
                error_message = "Cloud Run stays private."
              }
            }
            resource "google_cloud_run_v2_service_iam_binding" "invokers" {
              name    = "frontend"
              role    = "roles/run.invoker"
              members = var.invokers
            }
            """
        ),
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
            locals {
              dataset_readers = {
                product = ["group:product@example.com", "allAuthenticatedUsers"]
              }
              grants = flatten([for ds, ms in local.dataset_readers : [for m in ms : { dataset = ds, member = m }]])
            }
            resource "google_bigquery_dataset_iam_member" "readers" {
              for_each   = { for g in local.grants : "${g.dataset}-${g.member}" => g }
              dataset_id = each.value.dataset
              role       = "roles/bigquery.dataViewer"
              member     = each.value.member
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_cloud_run_v2_service_iam_binding" "invokers" {
              name    = "frontend"
              role    = "roles/run.invoker"
              members = concat(var.frontend_invokers, ["allUsers"])
            }
            """,
            line=4,
        ),
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
            public: list[str] = [m for m in binding.members if str(m).strip().lower() in PUBLIC_MEMBERS]
            if not public:
                public = list(_public_through_expression(ctx, binding))
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


_QUOTED_PUBLIC = re.compile(r'"(allUsers|allAuthenticatedUsers)"')
_EACH_VALUE = re.compile(r"^each\.(?:value|key)\b")


def _public_through_expression(ctx: ConfigContext, binding: CloudBinding) -> list[LStr]:
    """Public members a Terraform grant reaches through an expression: a literal inside it
    (`concat(var.invokers, ["allUsers"])`), or, for `member = each.value...`, one written in the module's
    `locals` or a variable's default (a map of lists flattened into `for_each`)."""
    if binding.block is None:
        return []
    value = binding.block.get("members", binding.block.get("member"))
    if not isinstance(value, LStr) or not value.expr:
        return []
    found = [LStr(m.group(1), value.line) for m in _QUOTED_PUBLIC.finditer(value)]
    if found or not _EACH_VALUE.match(value.strip()):
        return found
    for document in ctx.documents:
        if not isinstance(document, LDict):
            continue
        for local_block in blocks(document.get("locals")):
            found += _public_literals(local_block)
        for variable in blocks(document.get("variable")):
            found += _public_literals(variable.get("default"))
    return found


def _public_literals(value: Any, depth: int = 0) -> list[LStr]:
    if isinstance(value, LStr):
        return [value] if not value.expr and value.strip().lower() in PUBLIC_MEMBERS else []
    if depth > 12:
        return []
    items = value.values() if isinstance(value, LDict) else value if isinstance(value, list) else ()
    return [found for item in items for found in _public_literals(item, depth + 1)]


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
