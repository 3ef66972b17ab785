"""IDG252: an Azure App Service that explicitly turns client certificates off."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.azure import arm_properties, arm_resources
from .support.cloudformation import is_false
from .support.guard import ConfigContext, ConfigGuard
from .support.parse import LDict

_TF_APPS = (
    "azurerm_linux_web_app",
    "azurerm_windows_web_app",
    "azurerm_linux_function_app",
    "azurerm_windows_function_app",
    "azurerm_app_service",
    "azurerm_function_app",
)


class AzureAppServiceClientCertDisabled(ConfigGuard):
    """
    ## What it does
    Finds App Service and Function Apps that set client certificates off
    explicitly: `client_certificate_enabled = false` (`client_cert_enabled`
    on the older resources) in Terraform, `clientCertEnabled: false` in ARM
    templates and Bicep, or that make them optional (`Optional`,
    `OptionalInteractiveUser` client certificate mode). Reported as low: most public web apps authenticate
    users another way, but an explicit `false` is a decision to record.

    ## Why is this bad?
    For service-to-service APIs, mutual TLS is the platform's way to require
    that callers prove who they are before any request reaches the code.
    Turning it off leaves authentication to the application alone.

    ## Example
    ```bicep
    resource api 'Microsoft.Web/sites@2023-01-01' = {
      properties: {
        clientCertEnabled: false
      }
    }
    ```

    ## Use instead
    ```bicep
    resource api 'Microsoft.Web/sites@2023-01-01' = {
      properties: {
        clientCertEnabled: true
        clientCertMode: 'Required'
      }
    }
    ```
    """

    id = "IDG252"
    name = "azure-app-service-client-cert-disabled"
    title = "App Service client certificates turned off"
    meta = GuardMeta(
        cwe=["CWE-306"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="low",
        impact="medium",
        confidence="medium",
        categories=["service_account"],
        see_also=[
            "CIS Microsoft Azure 9.4",
        ],
        urls=["https://learn.microsoft.com/en-us/azure/app-service/app-service-web-configure-tls-mutual-auth"],
    )
    languages = ("terraform", "json", "yaml", "bicep")
    VALID = [
        Valid(
            """
            resource "azurerm_linux_web_app" "a" {
              client_certificate_enabled = true
              client_certificate_mode = "Required"
            }
            """
        ),
        Valid(
            """
            resource "azurerm_linux_web_app" "a" {
              name = "a"
            }
            """
        ),
        Valid(
            """
            resource "azurerm_app_service" "a" {
              client_cert_enabled = true
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "azurerm_linux_web_app" "a" {
              client_certificate_enabled = false
            }
            """,
            line=2,
        ),
        Invalid(
            """
            resource "azurerm_app_service" "a" {
              client_cert_enabled = false
            }
            """,
            line=2,
        ),
        Invalid(
            """
            resource "azurerm_windows_function_app" "f" {
              name = "f"
              client_certificate_enabled = "false"
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places: list[tuple[LDict, str]] = [
            (b, key)
            for b in ctx.terraform_resources(*_TF_APPS)
            for key in ("client_certificate_enabled", "client_cert_enabled")
            if key in b
        ]
        places += [(arm_properties(r), "clientCertEnabled") for r in arm_resources(ctx.mappings, "Microsoft.Web/sites")]
        findings = [
            self.finding(
                ctx,
                mapping.line_of(key),
                "Client certificates are turned off: callers are not asked to prove who they are before "
                "requests reach the app.",
                fix="For service APIs, set client certificates to required (or document why the app needs none).",
                severity=Severity.low,
            )
            for mapping, key in places
            if is_false(mapping.get(key))
        ]
        modes = [(b, "client_certificate_mode") for b in ctx.terraform_resources(*_TF_APPS)]
        modes += [(arm_properties(r), "clientCertMode") for r in arm_resources(ctx.mappings, "Microsoft.Web/sites")]
        findings += [
            self.finding(
                ctx,
                mapping.line_of(key),
                f"Client certificates are `{mapping.get(key)}`: a caller without one is let in all the same.",
                fix='Set the client certificate mode to "Required".',
                severity=Severity.low,
            )
            for mapping, key in modes
            if str(mapping.get(key, "")).lower() in ("optional", "optionalinteractiveuser")
        ]
        return findings
