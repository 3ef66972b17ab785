"""IDG245: a custom cloud role whose actions are `*` (or all of authorization)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard
from .support.terraform import as_list, first_block

_WILDCARDS = {"*", "microsoft.authorization/*", "microsoft.authorization/*/write"}


class CustomRoleWildcardActions(ConfigGuard):
    """
    ## What it does
    Finds Azure custom role definitions whose `actions` include `*` or
    `Microsoft.Authorization/*`: Terraform `azurerm_role_definition`
    `permissions` blocks, ARM `Microsoft.Authorization/roleDefinitions`, and
    role definition files for `az role definition create`
    (`Actions` + `AssignableScopes`).

    ## Why is this bad?
    A custom role with `*` is Owner under a name that does not look like one;
    `Microsoft.Authorization/*` lets the holder assign itself any role. Both
    escape the reviews and alerts that watch built-in privileged roles.

    ## Example
    ```hcl
    resource "azurerm_role_definition" "ops" {
      name  = "ops"
      scope = data.azurerm_subscription.primary.id
      permissions {
        actions = ["*"]
      }
    }
    ```

    ## Use instead
    ```hcl
    resource "azurerm_role_definition" "ops" {
      name  = "ops"
      scope = data.azurerm_subscription.primary.id
      permissions {
        actions = ["Microsoft.Compute/virtualMachines/restart/action"]
      }
    }
    ```
    """

    id = "IDG245"
    name = "custom-role-wildcard-actions"
    title = "Custom role with wildcard actions"
    languages = ("terraform", "json", "yaml", "bicep")
    meta = GuardMeta(
        cwe=["CWE-269", "CWE-732"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac", "iam_policy"],
        see_also=["CIS Microsoft Azure 1.23 (no custom subscription owner roles)"],
    )
    VALID = [
        Valid(
            """
            resource "azurerm_role_definition" "ops" {
              name = "ops"
              scope = "/subscriptions/0000"
              permissions {
                actions = ["Microsoft.Compute/virtualMachines/restart/action"]
              }
            }
            """
        ),
        Valid(
            """
            resource "azurerm_role_definition" "reader" {
              name = "r"
              scope = "/subscriptions/0000"
              permissions {
                actions = ["*/read"]
              }
            }
            """
        ),
        Valid(
            """
            resource "azurerm_role_definition" "nd" {
              name = "nd"
              scope = "/subscriptions/0000"
              permissions {
                actions = ["Microsoft.Storage/*/read"]
                not_actions = ["*"]
              }
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "azurerm_role_definition" "ops" {
              name = "ops"
              scope = "/subscriptions/0000"
              permissions {
                actions = ["*"]
              }
            }
            """,
            line=5,
        ),
        Invalid(
            """
            resource "azurerm_role_definition" "rbac" {
              name = "rbac"
              scope = "/subscriptions/0000"
              permissions {
                actions = ["Microsoft.Authorization/*", "Microsoft.Resources/*/read"]
              }
            }
            """,
            line=5,
        ),
        Invalid(
            """
            resource "azurerm_role_definition" "x" {
              name = "x"
              scope = "/subscriptions/0000"
              permissions {
                actions = ["Microsoft.Storage/*", "*"]
                not_actions = ["Microsoft.Authorization/*/Delete"]
              }
            }
            """,
            line=5,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        candidates = []
        for block in ctx.terraform_resources("azurerm_role_definition"):
            candidates += [p for p in as_list(block.get("permissions")) if hasattr(p, "line_of")]
        for mapping in ctx.mappings:
            keys = {str(k).lower(): k for k in mapping}
            if "assignablescopes" in keys and "actions" in keys and mapping.get(keys.get("iscustom", "")) is not False:
                candidates.append(mapping)  # an `az role definition` file
            if str(mapping.get("type", "")).lower() == "microsoft.authorization/roledefinitions":
                properties = first_block(mapping.get("properties"))
                # Listings of Azure's own roles (Owner has `*`) are not custom roles.
                if properties is not None and str(properties.get("type", "")) != "BuiltInRole":
                    candidates += [p for p in as_list(properties.get("permissions")) if hasattr(p, "line_of")]
        findings = []
        for permissions in candidates:
            key = next((k for k in permissions if str(k).lower() == "actions"), None)
            if key is None:
                continue
            wild = [a for a in as_list(permissions[key]) if str(a).strip().lower() in _WILDCARDS]
            if wild:
                findings.append(
                    self.finding(
                        ctx,
                        getattr(wild[0], "line", 0) or permissions.line_of(key),
                        f"Custom role allows `{wild[0]}`: it is Owner-equivalent under another name.",
                        fix="List the specific operations the role needs; use built-in roles where they fit.",
                    )
                )
        return findings
