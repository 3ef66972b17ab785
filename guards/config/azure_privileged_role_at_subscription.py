"""IDG244: Azure Owner/Contributor/User Access Administrator assigned at subscription scope."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.guard import ConfigContext, ConfigGuard
from .support.terraform import as_list, blocks, first_block

PRIVILEGED_ROLES = {"owner", "contributor", "user access administrator", "role based access control administrator"}
# Built-in role definition ids (the same in every tenant).
PRIVILEGED_ROLE_IDS = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
}
_SUBSCRIPTION_SCOPE = re.compile(
    r"^(/subscriptions/[^/]+/?|/providers/microsoft\.management/managementgroups/[^/]+/?|/)$", re.IGNORECASE
)
# `data.azurerm_subscription.primary.id`, "/subscriptions/${var.subscription_id}"
_SUBSCRIPTION_EXPR = re.compile(
    r"(azurerm_subscription\.[a-z0-9_-]+\.id$)|(^/subscriptions/\$\{[^}]+\}/?$)|(azurerm_management_group\.[a-z0-9_-]+\.id$)",
    re.IGNORECASE,
)


_CUSTOM_ROLE_REFERENCE = re.compile(r"azurerm_role_definition\.([A-Za-z0-9_-]+)\.")


def _wildcard_custom_roles(ctx: ConfigContext) -> set[str]:
    """Names of `azurerm_role_definition` resources of the file whose actions include `*`."""
    names = set()
    for block in ctx.terraform_resources("azurerm_role_definition"):
        for permissions in blocks(block.get("permissions")):
            if "*" in [str(a).strip() for a in as_list(permissions.get("actions"))]:
                names.add(block.labels[1] if len(block.labels) > 1 else "")
    return names


def _subscription_scope(scope: str) -> bool:
    scope = scope.strip()
    return bool(_SUBSCRIPTION_SCOPE.match(scope) or _SUBSCRIPTION_EXPR.search(scope))


def _privileged(name: object, definition_id: object) -> str | None:
    if name is not None and str(name).strip().lower() in PRIVILEGED_ROLES:
        return str(name).strip()
    text = str(definition_id or "").lower()
    return next((role for guid, role in PRIVILEGED_ROLE_IDS.items() if guid in text), None)


class AzurePrivilegedRoleAtSubscription(ConfigGuard):
    """
    ## What it does
    Finds Azure role assignments of `Owner`, `Contributor`, `User Access
    Administrator` (by name or built-in id, or a custom role of the same file
    whose actions are `*`) whose scope is a whole
    subscription or management group: Terraform `azurerm_role_assignment`
    with `scope = "/subscriptions/<id>"` or `data.azurerm_subscription.x.id`,
    and ARM `Microsoft.Authorization/roleAssignments` in subscription-level
    templates. Assignments on a resource group or a resource are not reported.

    ## Why is this bad?
    Contributor on a subscription can change or delete every resource in it,
    read most secrets (Key Vault access policies, storage keys, VM run-command);
    Owner and User Access Administrator can also grant access to anyone. A
    service principal with such an assignment is a subscription takeover
    waiting for its credential to leak.

    ## Example
    ```hcl
    resource "azurerm_role_assignment" "ci" {
      scope                = data.azurerm_subscription.primary.id
      role_definition_name = "Contributor"
      principal_id         = azuread_service_principal.ci.object_id
    }
    ```

    ## Use instead
    ```hcl
    resource "azurerm_role_assignment" "ci" {
      scope                = azurerm_resource_group.app.id
      role_definition_name = "Website Contributor"
      principal_id         = azuread_service_principal.ci.object_id
    }
    ```
    """

    id = "IDG244"
    name = "azure-privileged-role-at-subscription"
    title = "Azure privileged role assigned at subscription scope"
    languages = ("terraform", "json", "yaml", "bicep")
    meta = GuardMeta(
        cwe=["CWE-250", "CWE-269"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac", "service_account"],
        see_also=['Microsoft "Best practices for Azure RBAC"'],
    )
    VALID = [
        Valid(
            """
            resource "azurerm_role_assignment" "ci" {
              scope = azurerm_resource_group.app.id
              role_definition_name = "Contributor"
              principal_id = var.ci_object_id
            }
            """
        ),
        Valid(
            """
            resource "azurerm_role_assignment" "r" {
              scope = data.azurerm_subscription.primary.id
              role_definition_name = "Reader"
              principal_id = var.auditor_object_id
            }
            """
        ),
        Valid(
            """
            resource "azurerm_role_assignment" "kv" {
              scope = "/subscriptions/0000/resourceGroups/app/providers/Microsoft.KeyVault/vaults/kv"
              role_definition_name = "Owner"
              principal_id = var.id
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "azurerm_role_assignment" "ci" {
              scope = data.azurerm_subscription.primary.id
              role_definition_name = "Contributor"
              principal_id = var.ci_object_id
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "azurerm_role_assignment" "o" {
              scope = "/subscriptions/00000000-0000-0000-0000-000000000000"
              role_definition_name = "Owner"
              principal_id = var.id
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "azurerm_role_assignment" "uaa" {
              scope = "/subscriptions/${var.subscription_id}"
              role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
              principal_id = var.id
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        findings = []
        owner_like = _wildcard_custom_roles(ctx)
        for block in ctx.terraform_resources("azurerm_role_assignment"):
            role = _privileged(block.get("role_definition_name"), block.get("role_definition_id"))
            reference = _CUSTOM_ROLE_REFERENCE.search(str(block.get("role_definition_id", "")))
            if role is None and reference and reference.group(1) in owner_like:
                role = f"custom role {reference.group(1)} (actions *)"
            if role and _subscription_scope(str(block.get("scope", ""))):
                role_key = "role_definition_name" if "role_definition_name" in block else "role_definition_id"
                findings.append(self._report(ctx, block.line_of(role_key), role))
        for mapping in ctx.mappings:
            if str(mapping.get("type", "")).lower() != "microsoft.authorization/roleassignments":
                continue
            properties = first_block(mapping.get("properties"))
            if properties is None:
                continue
            role = _privileged(None, properties.get("roleDefinitionId"))
            schema = str(ctx.documents[0].get("$schema", "")) if isinstance(ctx.documents[0], dict) else ""
            scope = str(properties.get("scope", mapping.get("scope", "")))
            at_subscription = (
                "subscriptionDeploymentTemplate" in schema
                or "managementGroupDeploymentTemplate" in schema
                or _subscription_scope(scope)
                or "subscription()" in scope
            )
            if role and at_subscription:
                findings.append(self._report(ctx, properties.line_of("roleDefinitionId"), role))
        return findings

    def _report(self, ctx: ConfigContext, line: int, role: str) -> Finding:
        return self.finding(
            ctx,
            line,
            f"`{role}` assigned on a whole subscription or management group.",
            fix="Assign a narrower role on the resource group or resource the principal manages.",
        )
