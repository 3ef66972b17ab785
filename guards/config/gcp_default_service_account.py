"""IDG243: workloads or grants using the default Compute Engine / App Engine service account."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.guard import ConfigContext, ConfigGuard
from .support.terraform import blocks, first_block

DEFAULT_ACCOUNT = re.compile(
    # The project number or id may be interpolated (`${var.project_number}-compute@...`).
    r"^(serviceaccount:)?((\d+|\$\{[^}]+\})-compute@developer\.gserviceaccount\.com"
    r"|([a-z][a-z0-9-]*|\$\{[^}]+\})@appspot\.gserviceaccount\.com)$",
    re.IGNORECASE,
)
_INSTANCES = ("google_compute_instance", "google_compute_instance_template", "google_compute_region_instance_template")
_NODE_CONFIGS = ("google_container_node_pool", "google_container_cluster")


class GcpDefaultServiceAccount(ConfigGuard):
    """
    ## What it does
    Finds the default Compute Engine (`PROJECT_NUMBER-compute@developer...`)
    and App Engine (`PROJECT_ID@appspot...`) service accounts named anywhere,
    `service_account` blocks of VMs and instance templates without an `email`
    (or with `email = "default"`), and (low: inferred from an absent argument)
    GKE `node_config` blocks without a `service_account`, which run nodes as
    the default account.

    ## Why is this bad?
    The default service accounts are shared by every workload that does not
    choose one, and in many projects still hold `roles/editor`. A compromised
    VM or node gets editor on the whole project, and no one can tell which
    workload needs which permission.

    ## Example
    ```hcl
    resource "google_compute_instance" "web" {
      service_account {
        scopes = ["cloud-platform"]
      }
    }
    ```

    ## Use instead
    ```hcl
    resource "google_compute_instance" "web" {
      service_account {
        email  = google_service_account.web.email
        scopes = ["cloud-platform"]
      }
    }
    ```
    """

    id = "IDG243"
    name = "gcp-default-service-account"
    title = "Default GCP service account used"
    languages = ("terraform", "yaml", "json")
    meta = GuardMeta(
        cwe=["CWE-250", "CWE-1188"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["service_account"],
        see_also=["CIS Google Cloud 4.1 and 4.2"],
    )
    VALID = [
        Valid(
            """
            resource "google_compute_instance" "web" {
              name = "web"
              service_account {
                email  = google_service_account.web.email
                scopes = ["cloud-platform"]
              }
            }
            """
        ),
        Valid(
            """
            resource "google_container_node_pool" "np" {
              name = "np"
              node_config {
                service_account = google_service_account.nodes.email
              }
            }
            """
        ),
        Valid(
            """
            resource "google_project_iam_member" "m" {
              project = "p"
              role = "roles/logging.logWriter"
              member = "serviceAccount:web@p.iam.gserviceaccount.com"
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "google_compute_instance" "web" {
              name = "web"
              service_account {
                scopes = ["cloud-platform"]
              }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_container_node_pool" "np" {
              name = "np"
              node_config {
                machine_type = "e2-standard-4"
              }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_project_iam_member" "m" {
              project = "p"
              role = "roles/storage.admin"
              member = "serviceAccount:123456789012-compute@developer.gserviceaccount.com"
            }
            """,
            line=4,
        ),
        Invalid(
            """
            resource "google_compute_instance_template" "t" {
              service_account {
                email = "default"
                scopes = ["cloud-platform"]
              }
            }
            """,
            line=2,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for value in ctx.strings:
            if DEFAULT_ACCOUNT.match(value.strip()):
                findings.append(
                    self.finding(
                        ctx,
                        value.line,
                        "The default Compute/App Engine service account is shared by every workload "
                        "that does not choose one.",
                        fix="Create a dedicated service account per workload with only the roles it needs.",
                    )
                )
        for block in ctx.terraform_resources(*_INSTANCES):
            for account in blocks(block.get("service_account")):
                email = account.get("email")
                if email is None or str(email).strip().lower() == "default":
                    findings.append(
                        self.finding(
                            ctx,
                            account.line,
                            f"`{block.labels[0]}` runs as the default compute service account "
                            "(no `email` in `service_account`).",
                            fix="Set `email` to a dedicated service account.",
                        )
                    )
        for block in ctx.terraform_resources(*_NODE_CONFIGS):
            node_config = first_block(block.get("node_config"))
            if node_config is not None and not node_config.get("service_account"):
                findings.append(
                    self.finding(
                        ctx,
                        node_config.line,
                        "GKE nodes without `service_account` run as the default compute service account.",
                        fix="Set `node_config.service_account` to a minimal node service account.",
                        # Inferred from an absent argument: reported for review, not as strongly.
                        severity=Severity.low,
                    )
                )
        return findings
