"""IDG248: an Azure App Service or Function App without a managed identity."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta, Severity
from .support.azure import arm_resources
from .support.guard import ConfigContext, ConfigGuard

_TF_APPS = (
    "azurerm_linux_web_app",
    "azurerm_windows_web_app",
    "azurerm_linux_function_app",
    "azurerm_windows_function_app",
    "azurerm_app_service",
    "azurerm_function_app",
)


class AzureAppServiceWithoutManagedIdentity(ConfigGuard):
    """
    ## What it does
    Finds App Service web apps and Function Apps (Terraform `azurerm_*_web_app`,
    `azurerm_*_function_app`; ARM and Bicep `Microsoft.Web/sites`) with no
    `identity` block, so the app has no managed identity. Reported as low on
    the resource's first line: an app that calls no Azure service needs none.

    ## Why is this bad?
    An app without a managed identity reaches databases, storage and Key
    Vault with connection strings and keys kept in its settings: shared,
    long-lived secrets that leak with a settings export. A managed identity
    gets short-lived tokens from the platform, and access is granted and
    withdrawn in Entra ID.

    ## Example
    ```hcl
    resource "azurerm_linux_web_app" "portal" {
      name            = "portal"
      service_plan_id = azurerm_service_plan.main.id
    }
    ```

    ## Use instead
    ```hcl
    resource "azurerm_linux_web_app" "portal" {
      name            = "portal"
      service_plan_id = azurerm_service_plan.main.id
      identity {
        type = "SystemAssigned"
      }
    }
    ```
    """

    id = "IDG248"
    name = "azure-app-service-without-managed-identity"
    title = "App Service without a managed identity"
    meta = GuardMeta(
        cwe=["CWE-798"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01"],
        likelihood="low",
        impact="medium",
        confidence="medium",
        categories=["service_account"],
        see_also=[
            "Microsoft cloud security benchmark IM-3",
        ],
        urls=["https://learn.microsoft.com/en-us/azure/app-service/overview-managed-identity"],
    )
    languages = ("terraform", "json", "yaml", "bicep")
    VALID = [
        Valid(
            """
            resource "azurerm_linux_web_app" "a" {
              name = "a"
              identity {
                type = "SystemAssigned"
              }
            }
            """
        ),
        Valid(
            """
            resource "azurerm_linux_function_app" "f" {
              name = "f"
              identity {
                type = "UserAssigned"
                identity_ids = [azurerm_user_assigned_identity.f.id]
              }
            }
            """
        ),
        Valid(
            """
            resource "azurerm_service_plan" "p" {
              name = "p"
              os_type = "Linux"
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "azurerm_linux_web_app" "a" {
              name = "a"
              https_only = true
            }
            """,
            line=1,
        ),
        Invalid(
            """
            resource "azurerm_windows_function_app" "f" {
              name = "f"
            }
            """,
            line=1,
        ),
        Invalid(
            """
            resource "azurerm_app_service" "legacy" {
              name = "legacy"
              app_service_plan_id = "plan"
            }
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places = [(b.labels[0], b.line) for b in ctx.terraform_resources(*_TF_APPS) if not b.get("identity")]
        places += [
            ("Microsoft.Web/sites", r.line)
            for r in arm_resources(ctx.mappings, "Microsoft.Web/sites")
            if not r.get("identity")
        ]
        return [
            self.finding(
                ctx,
                line,
                f"`{kind}` has no managed identity: it can reach other Azure services only with keys and "
                "connection strings in its settings.",
                fix='Add `identity { type = "SystemAssigned" }` and grant it roles instead of storing keys.',
                severity=Severity.low,
            )
            for kind, line in places
        ]
