"""IDG253: an Azure App Service or Function App whose built-in authentication is turned off."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.azure import arm_properties, arm_resources, path_get
from .support.cloudformation import is_false
from .support.guard import ConfigContext, ConfigGuard
from .support.parse import LDict
from .support.terraform import first_block

_TF_APPS = (
    "azurerm_linux_web_app",
    "azurerm_windows_web_app",
    "azurerm_linux_function_app",
    "azurerm_windows_function_app",
    "azurerm_app_service",
    "azurerm_function_app",
)


class AzureAppServiceAuthenticationDisabled(ConfigGuard):
    """
    ## What it does
    Finds App Service and Function Apps whose built-in authentication
    ("Easy Auth") is written but turned off: `auth_settings { enabled = false }`,
    `auth_settings_v2 { auth_enabled = false }` or `require_authentication =
    false` in Terraform, and `Microsoft.Web/sites/config` `authsettingsV2`
    with `platform.enabled: false` or `requireAuthentication: false` in ARM
    templates and Bicep. Apps without any authentication block are not
    reported: they may authenticate in their own code.

    ## Why is this bad?
    An authentication block that is present but off usually means the app
    was meant to sit behind Entra ID sign-in and now answers anyone on the
    internet; the configuration reads as protected in review while it is not.

    ## Example
    ```hcl
    resource "azurerm_linux_web_app" "portal" {
      auth_settings_v2 {
        auth_enabled = false
      }
    }
    ```

    ## Use instead
    ```hcl
    resource "azurerm_linux_web_app" "portal" {
      auth_settings_v2 {
        auth_enabled           = true
        require_authentication = true
        unauthenticated_action = "RedirectToLoginPage"
      }
    }
    ```
    """

    id = "IDG253"
    name = "azure-app-service-authentication-disabled"
    title = "App Service authentication turned off"
    meta = GuardMeta(
        cwe=["CWE-306"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["sso"],
        see_also=[
            "CIS Microsoft Azure 9.1",
        ],
        urls=["https://learn.microsoft.com/en-us/azure/app-service/overview-authentication-authorization"],
    )
    languages = ("terraform", "json", "yaml", "bicep")
    VALID = [
        Valid(
            """
            resource "azurerm_linux_web_app" "a" {
              auth_settings_v2 {
                auth_enabled = true
                require_authentication = true
              }
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
              auth_settings {
                enabled = true
              }
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "azurerm_linux_web_app" "a" {
              auth_settings_v2 {
                auth_enabled = false
              }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "azurerm_app_service" "a" {
              auth_settings {
                enabled = false
              }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "azurerm_linux_function_app" "f" {
              auth_settings_v2 {
                auth_enabled = true
                require_authentication = false
              }
            }
            """,
            line=4,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places: list[tuple[LDict, str]] = []
        for app in ctx.terraform_resources(*_TF_APPS):
            v1, v2 = first_block(app.get("auth_settings")), first_block(app.get("auth_settings_v2"))
            if v1 is not None:
                places.append((v1, "enabled"))
            if v2 is not None:
                places += [(v2, "auth_enabled"), (v2, "require_authentication")]
        for config in arm_resources(ctx.mappings, "Microsoft.Web/sites/config"):
            if str(config.get("name", "")).rsplit("/", 1)[-1].lower() != "authsettingsv2":
                continue
            properties = arm_properties(config)
            for mapping, key in (
                (path_get(properties, "platform"), "enabled"),
                (path_get(properties, "globalValidation"), "requireAuthentication"),
            ):
                if isinstance(mapping, LDict):
                    places.append((mapping, key))
        return [
            self.finding(
                ctx,
                mapping.line_of(key),
                "The app's built-in authentication is written but turned off: requests reach it without sign-in.",
                fix="Turn it on and require authentication, or remove the block if the app authenticates itself.",
            )
            for mapping, key in places
            if is_false(mapping.get(key))
        ]
