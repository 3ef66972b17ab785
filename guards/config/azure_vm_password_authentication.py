"""IDG250: an Azure Linux VM or scale set that allows password logins over SSH."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import Finding, GuardMeta
from .support.azure import arm_properties, arm_resources, path_get
from .support.cloudformation import is_false
from .support.guard import ConfigContext, ConfigGuard
from .support.parse import LDict
from .support.terraform import first_block

_TF_VMS = (
    "azurerm_linux_virtual_machine",
    "azurerm_linux_virtual_machine_scale_set",
    "azurerm_orchestrated_virtual_machine_scale_set",
)


class AzureVmPasswordAuthentication(ConfigGuard):
    """
    ## What it does
    Finds Linux VMs and VM scale sets that keep password authentication on:
    `disable_password_authentication = false` (also inside
    `os_profile_linux_config` of `azurerm_virtual_machine`), and
    `linuxConfiguration.disablePasswordAuthentication: false` in ARM
    templates and Bicep.

    ## Why is this bad?
    Password logins can be guessed and sprayed from anywhere the SSH port is
    reachable, and the admin password is one shared, long-lived credential
    for every instance of a scale set. SSH keys or Entra ID login (with the
    VM's managed identity) tie access to a person and can be revoked.

    ## Example
    ```hcl
    resource "azurerm_linux_virtual_machine_scale_set" "workers" {
      admin_password                  = var.admin_password
      disable_password_authentication = false
    }
    ```

    ## Use instead
    ```hcl
    resource "azurerm_linux_virtual_machine_scale_set" "workers" {
      disable_password_authentication = true
      admin_ssh_key {
        username   = "ops"
        public_key = var.ops_public_key
      }
    }
    ```
    """

    id = "IDG250"
    name = "azure-vm-password-authentication"
    title = "Azure Linux VM allows password logins"
    meta = GuardMeta(
        cwe=["CWE-309"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["password"],
        see_also=[
            "Microsoft cloud security benchmark IM-6",
        ],
        urls=["https://learn.microsoft.com/en-us/azure/virtual-machines/linux/create-ssh-keys-detailed"],
    )
    languages = ("terraform", "json", "yaml", "bicep")
    VALID = [
        Valid(
            """
            resource "azurerm_linux_virtual_machine" "vm" {
              disable_password_authentication = true
            }
            """
        ),
        Valid(
            """
            resource "azurerm_linux_virtual_machine" "vm" {
              admin_ssh_key {
                username = "ops"
                public_key = var.key
              }
            }
            """
        ),
        Valid(
            """
            resource "azurerm_windows_virtual_machine" "vm" {
              admin_password = var.password
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resource "azurerm_linux_virtual_machine" "vm" {
              disable_password_authentication = false
            }
            """,
            line=2,
        ),
        Invalid(
            """
            resource "azurerm_linux_virtual_machine_scale_set" "ss" {
              instances = 3
              disable_password_authentication = false
            }
            """,
            line=3,
        ),
        Invalid(
            """
            resource "azurerm_virtual_machine" "vm" {
              os_profile_linux_config {
                disable_password_authentication = false
              }
            }
            """,
            line=3,
        ),
    ]

    def check_config(self, ctx: ConfigContext) -> list[Finding]:
        places: list[tuple[LDict, str]] = [
            (b, "disable_password_authentication") for b in ctx.terraform_resources(*_TF_VMS)
        ]
        for vm in ctx.terraform_resources("azurerm_virtual_machine"):
            config = first_block(vm.get("os_profile_linux_config"))
            if config is not None:
                places.append((config, "disable_password_authentication"))
        for resource in arm_resources(
            ctx.mappings, "Microsoft.Compute/virtualMachines", "Microsoft.Compute/virtualMachineScaleSets"
        ):
            properties = arm_properties(resource)
            profile = path_get(properties, "osProfile") or path_get(properties, "virtualMachineProfile", "osProfile")
            linux = path_get(profile, "linuxConfiguration")
            if isinstance(linux, LDict):
                places.append((linux, "disablePasswordAuthentication"))
        return [
            self.finding(
                ctx,
                mapping.line_of(key),
                "Password authentication over SSH stays on: one shared admin password that can be guessed "
                "from wherever the port is reachable.",
                fix="Set `disable_password_authentication = true` and log in with SSH keys or Entra ID.",
            )
            for mapping, key in places
            if is_false(mapping.get(key))
        ]
