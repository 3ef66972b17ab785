"""IDG247: a GCP VM or project that turns OS Login off."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.cloudformation import is_false
from .support.guard import ConfigContext, ConfigGuard
from .support.parse import LDict

_INSTANCES = (
    "google_compute_instance",
    "google_compute_instance_template",
    "google_compute_region_instance_template",
    "google_compute_project_metadata",
)


class GcpOsLoginDisabled(ConfigGuard):
    """
    ## What it does
    Finds GCP instances, instance templates and project metadata that set
    the `enable-oslogin` metadata key to `FALSE`, and
    `google_compute_project_metadata_item` resources that do.

    ## Why is this bad?
    Without OS Login, SSH access is granted by SSH keys pasted into instance
    or project metadata: keys outlive the people who added them, are not tied
    to IAM or to two-step verification, and leave no audit trail of who
    logged in.

    ## Example
    ```hcl
    resource "google_compute_instance" "worker" {
      metadata = {
        enable-oslogin = "FALSE"
      }
    }
    ```

    ## Use instead
    ```hcl
    resource "google_compute_instance" "worker" {
      metadata = {
        enable-oslogin = "TRUE"
      }
    }
    ```
    """

    id = "IDG247"
    name = "gcp-os-login-disabled"
    title = "GCP OS Login turned off"
    meta = GuardMeta(
        cwe=["CWE-287"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["service_account"],
        see_also=[
            "CIS Google Cloud Platform Foundation 4.4",
        ],
        urls=["https://cloud.google.com/compute/docs/oslogin"],
    )
    languages = ("terraform",)
    VALID = [
        Valid(
            """
            resource "google_compute_instance" "vm" {
              metadata = {
                enable-oslogin = "TRUE"
              }
            }
            """
        ),
        Valid(
            """
            resource "google_compute_instance" "vm" {
              name = "vm"
            }
            """
        ),
        Valid(
            """
            resource "google_compute_project_metadata_item" "m" {
              key = "enable-oslogin"
              value = "TRUE"
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "google_compute_instance" "vm" {
              metadata = {
                enable-oslogin = "FALSE"
              }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_compute_project_metadata" "m" {
              metadata = {
                enable-oslogin = "false"
              }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_compute_project_metadata_item" "m" {
              key = "enable-oslogin"
              value = "FALSE"
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places = []
        for block in ctx.terraform_resources(*_INSTANCES):
            metadata = block.get("metadata")
            if isinstance(metadata, LDict):
                key = next((k for k in metadata if k.lower() == "enable-oslogin"), None)
                if key is not None:
                    places.append((metadata[key], metadata.line_of(key)))
        for item in ctx.terraform_resources("google_compute_project_metadata_item"):
            if str(item.get("key", "")).lower() == "enable-oslogin":
                places.append((item.get("value"), item.line_of("value")))
        return [
            self.finding(
                ctx,
                line,
                "OS Login is off: SSH access rests on keys in metadata, not on IAM, and is not audited per person.",
                fix='Set `enable-oslogin = "TRUE"` (better: the organisation policy `compute.requireOsLogin`).',
            )
            for value, line in places
            if is_false(value)
        ]
