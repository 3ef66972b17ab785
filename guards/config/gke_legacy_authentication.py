"""IDG246: a GKE cluster with legacy authentication or authorization turned on."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.cloudformation import is_true
from .support.guard import ConfigContext, ConfigGuard
from .support.terraform import first_block


class GkeLegacyAuthentication(ConfigGuard):
    """
    ## What it does
    Finds `google_container_cluster` resources that turn on legacy access
    paths: `enable_legacy_abac = true` (attribute-based authorization that
    bypasses RBAC), `issue_client_certificate = true` in
    `master_auth.client_certificate_config` (a client certificate with
    cluster-admin that cannot be revoked), and basic authentication
    (`master_auth.username`/`password`).

    ## Why is this bad?
    Legacy ABAC grants broad rights to every service account and node, so
    RBAC reviews say nothing about who may do what. The issued client
    certificate and basic-auth password are static credentials to the API
    server that survive every IAM change and cannot be rotated without
    recreating the cluster.

    ## Example
    ```hcl
    resource "google_container_cluster" "main" {
      enable_legacy_abac = true
    }
    ```

    ## Use instead
    ```hcl
    resource "google_container_cluster" "main" {
      enable_legacy_abac = false
      master_auth {
        client_certificate_config {
          issue_client_certificate = false
        }
      }
    }
    ```
    """

    id = "IDG246"
    name = "gke-legacy-authentication"
    title = "GKE cluster with legacy ABAC, client certificate or basic auth"
    meta = GuardMeta(
        cwe=["CWE-287", "CWE-285"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac"],
        see_also=[
            "CIS GKE Benchmark 6.8.1, 6.8.3, 6.8.4",
        ],
        urls=["https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster"],
    )
    languages = ("terraform",)
    VALID = [
        Valid(
            """
            resource "google_container_cluster" "c" {
              name = "c"
              enable_legacy_abac = false
            }
            """
        ),
        Valid(
            """
            resource "google_container_cluster" "c" {
              master_auth {
                client_certificate_config {
                  issue_client_certificate = false
                }
              }
            }
            """
        ),
        Valid(
            """
            resource "google_container_cluster" "c" {
              name = "c"
              workload_identity_config {
                workload_pool = "p.svc.id.goog"
              }
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "google_container_cluster" "c" {
              name = "c"
              enable_legacy_abac = true
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "google_container_cluster" "c" {
              master_auth {
                client_certificate_config {
                  issue_client_certificate = true
                }
              }
            }
            """,
            line=4,
        ),
        Invalid(
            """
            resource "google_container_cluster" "c" {
              master_auth {
                username = "admin"
                password = var.gke_password
              }
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        for cluster in ctx.terraform_resources("google_container_cluster"):
            if is_true(cluster.get("enable_legacy_abac")):
                findings.append(
                    self.finding(
                        ctx,
                        cluster.line_of("enable_legacy_abac"),
                        "Legacy ABAC is on: broad permissions for every service account and node, outside RBAC.",
                        fix="Set `enable_legacy_abac = false` and grant access with RBAC.",
                    )
                )
            auth = first_block(cluster.get("master_auth"))
            if auth is None:
                continue
            certificate = first_block(auth.get("client_certificate_config"))
            if certificate is not None and is_true(certificate.get("issue_client_certificate")):
                findings.append(
                    self.finding(
                        ctx,
                        certificate.line_of("issue_client_certificate"),
                        "The cluster issues a client certificate: a static admin credential to the API server "
                        "that cannot be revoked.",
                        fix="Set `issue_client_certificate = false`; authenticate with Google identities.",
                    )
                )
            if auth.get("username") or auth.get("password"):
                findings.append(
                    self.finding(
                        ctx,
                        auth.line_of("username" if auth.get("username") else "password"),
                        "Basic authentication to the API server: a static username and password.",
                        fix="Remove `username`/`password` from `master_auth`.",
                    )
                )
        return findings
