"""IDG251: a Cosmos DB account whose account keys may change its databases and containers."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.azure import arm_properties, arm_resources
from .support.cloudformation import is_false, is_true
from .support.guard import ConfigContext, ConfigGuard


class CosmosdbKeyBasedMetadataWrites(ConfigGuard):
    """
    ## What it does
    Finds Cosmos DB accounts that explicitly let account keys write metadata
    (create, change and delete databases, containers and throughput):
    `access_key_metadata_writes_enabled = true` in Terraform,
    `disableKeyBasedMetadataWriteAccess: false` in ARM templates and Bicep.

    ## Why is this bad?
    Account keys are shared secrets with no identity attached. With metadata
    writes allowed, anyone holding a key (an app setting, a leaked connection
    string) can drop containers or change the account, and the change cannot
    be attributed; with them disabled, such changes need an Entra identity
    with an RBAC role.

    ## Example
    ```hcl
    resource "azurerm_cosmosdb_account" "db" {
      access_key_metadata_writes_enabled = true
    }
    ```

    ## Use instead
    ```hcl
    resource "azurerm_cosmosdb_account" "db" {
      access_key_metadata_writes_enabled = false
      local_authentication_disabled      = true
    }
    ```
    """

    id = "IDG251"
    name = "cosmosdb-key-based-metadata-writes"
    title = "Cosmos DB account keys may write metadata"
    meta = GuardMeta(
        cwe=["CWE-284"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["api_key"],
        see_also=[
            "Microsoft cloud security benchmark IM-1",
        ],
        urls=["https://learn.microsoft.com/en-us/azure/cosmos-db/audit-restrict-data-plane-changes"],
    )
    languages = ("terraform", "json", "yaml", "bicep")
    VALID = [
        Valid(
            """
            resource "azurerm_cosmosdb_account" "db" {
              access_key_metadata_writes_enabled = false
            }
            """
        ),
        Valid(
            """
            resource "azurerm_cosmosdb_account" "db" {
              name = "db"
              offer_type = "Standard"
            }
            """
        ),
        Valid(
            """
            resource "azurerm_cosmosdb_account" "db" {
              access_key_metadata_writes_enabled = false
              local_authentication_disabled = true
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "azurerm_cosmosdb_account" "db" {
              access_key_metadata_writes_enabled = true
            }
            """,
            line=2,
        ),
        Invalid(
            """
            resource "azurerm_cosmosdb_account" "db" {
              name = "db"
              access_key_metadata_writes_enabled = "true"
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "azurerm_cosmosdb_account" "db" {
              kind = "MongoDB"
              access_key_metadata_writes_enabled = true
              local_authentication_disabled = false
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        lines = [
            b.line_of("access_key_metadata_writes_enabled")
            for b in ctx.terraform_resources("azurerm_cosmosdb_account")
            if is_true(b.get("access_key_metadata_writes_enabled"))
        ]
        for resource in arm_resources(ctx.mappings, "Microsoft.DocumentDB/databaseAccounts"):
            properties = arm_properties(resource)
            if is_false(properties.get("disableKeyBasedMetadataWriteAccess")):
                lines.append(properties.line_of("disableKeyBasedMetadataWriteAccess"))
        return [
            self.finding(
                ctx,
                line,
                "Account keys may create, change and delete databases and containers: changes by a shared "
                "secret that no one can be held to.",
                fix="Set `access_key_metadata_writes_enabled = false` (ARM: `disableKeyBasedMetadataWriteAccess: "
                "true`) and manage resources with an Entra identity.",
            )
            for line in lines
        ]
