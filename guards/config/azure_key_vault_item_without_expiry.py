"""IDG249: an Azure Key Vault secret or key created without an expiry date."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.azure import arm_properties, arm_resources, path_get
from .support.guard import ConfigContext, ConfigGuard


class AzureKeyVaultItemWithoutExpiry(ConfigGuard):
    """
    ## What it does
    Finds Key Vault secrets and keys written in configuration without an
    expiry: `azurerm_key_vault_secret` and `azurerm_key_vault_key` without
    `expiration_date`, and `Microsoft.KeyVault/vaults/secrets` or `/keys`
    (ARM templates, Bicep) without `properties.attributes.exp`. Reported on
    the resource's first line.

    ## Why is this bad?
    A secret without an expiry is never forced through rotation: a value
    copied once stays valid for years, and nothing reminds the owner that it
    should change. Expiry dates also let Azure Policy and Defender report
    stale credentials.

    ## Example
    ```hcl
    resource "azurerm_key_vault_secret" "api" {
      name         = "api-client-secret"
      value        = var.api_client_secret
      key_vault_id = azurerm_key_vault.app.id
    }
    ```

    ## Use instead
    ```hcl
    resource "azurerm_key_vault_secret" "api" {
      name            = "api-client-secret"
      value           = var.api_client_secret
      key_vault_id    = azurerm_key_vault.app.id
      expiration_date = "2026-06-30T00:00:00Z"
    }
    ```
    """

    id = "IDG249"
    name = "azure-key-vault-item-without-expiry"
    title = "Key Vault secret or key without an expiry date"
    meta = GuardMeta(
        cwe=["CWE-262", "CWE-324"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["secrets"],
        see_also=[
            "CIS Microsoft Azure 8.3, 8.4",
        ],
        urls=["https://learn.microsoft.com/en-us/azure/key-vault/secrets/secrets-best-practices"],
    )
    languages = ("terraform", "json", "yaml", "bicep")
    VALID = [
        Valid(
            """
            resource "azurerm_key_vault_secret" "s" {
              name = "s"
              value = var.s
              key_vault_id = azurerm_key_vault.v.id
              expiration_date = "2026-06-30T00:00:00Z"
            }
            """
        ),
        Valid(
            """
            resource "azurerm_key_vault_key" "k" {
              name = "k"
              key_type = "RSA"
              expiration_date = timeadd(timestamp(), "8760h")
            }
            """
        ),
        Valid(
            """
            resource "azurerm_key_vault" "v" {
              name = "v"
              sku_name = "standard"
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "azurerm_key_vault_secret" "s" {
              name = "s"
              value = var.s
              key_vault_id = azurerm_key_vault.v.id
            }
            """,
            line=1,
        ),
        Invalid(
            """
            resource "azurerm_key_vault_key" "k" {
              name = "k"
              key_type = "RSA"
              key_size = 3072
            }
            """,
            line=1,
        ),
        Invalid(
            """
            resource "azurerm_key_vault_secret" "s" {
              name = "s"
              value = var.s
              expiration_date = null
            }
            """,
            line=1,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places = [
            (block.labels[0], block.line)
            for block in ctx.terraform_resources("azurerm_key_vault_secret", "azurerm_key_vault_key")
            if block.get("expiration_date") is None
        ] + [
            (str(resource["type"]).split("@")[0], resource.line)
            for resource in arm_resources(
                ctx.mappings, "Microsoft.KeyVault/vaults/secrets", "Microsoft.KeyVault/vaults/keys"
            )
            if path_get(arm_properties(resource), "attributes", "exp") is None
        ]
        return [
            self.finding(
                ctx,
                line,
                f"`{kind}` has no expiry date: the credential is never forced through rotation.",
                fix="Set `expiration_date` (ARM/Bicep: `properties.attributes.exp`) and rotate before it.",
            )
            for kind, line in places
        ]
