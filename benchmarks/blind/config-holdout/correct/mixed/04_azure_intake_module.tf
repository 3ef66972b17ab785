# modules/intake-platform: function app, cosmos store, worker scale set.
variable "location" {
  type    = string
  default = "northeurope"
}

variable "ssh_public_key" {
  type = string
}

variable "secret_expiry" {
  type    = string
  default = "2027-06-30T00:00:00Z"
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "intake" {
  name     = "rg-intake-prod"
  location = var.location
}

resource "azurerm_service_plan" "intake" {
  name                = "asp-intake-prod"
  resource_group_name = azurerm_resource_group.intake.name
  location            = azurerm_resource_group.intake.location
  os_type             = "Linux"
  sku_name            = "EP1"
}

resource "azurerm_storage_account" "intake" {
  name                     = "stintakeprod01"
  resource_group_name      = azurerm_resource_group.intake.name
  location                 = azurerm_resource_group.intake.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
}

resource "azurerm_linux_function_app" "intake" {
  name                          = "func-intake-prod"
  resource_group_name           = azurerm_resource_group.intake.name
  location                      = azurerm_resource_group.intake.location
  service_plan_id               = azurerm_service_plan.intake.id
  storage_account_name          = azurerm_storage_account.intake.name
  storage_uses_managed_identity = true
  https_only                    = true
  client_certificate_enabled    = true
  client_certificate_mode       = "Required"

  identity {
    type = "SystemAssigned"
  }

  auth_settings_v2 {
    auth_enabled           = true
    require_authentication = true
    unauthenticated_action = "Return401"
    active_directory_v2 {
      client_id            = "7d1c2b3a-0000-4000-8000-1234567890ab"
      tenant_auth_endpoint = "https://login.microsoftonline.com/${data.azurerm_client_config.current.tenant_id}/v2.0"
    }
    login {}
  }

  site_config {
    application_stack {
      python_version = "3.11"
    }
  }
}

resource "azurerm_cosmosdb_account" "intake" {
  name                               = "cosmos-intake-prod"
  resource_group_name                = azurerm_resource_group.intake.name
  location                           = azurerm_resource_group.intake.location
  offer_type                         = "Standard"
  access_key_metadata_writes_enabled = false
  local_authentication_disabled      = true

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = var.location
    failover_priority = 0
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "workers" {
  name                            = "vmss-intake-workers"
  resource_group_name             = azurerm_resource_group.intake.name
  location                        = azurerm_resource_group.intake.location
  sku                             = "Standard_D2s_v5"
  instances                       = 2
  admin_username                  = "intakeops"
  disable_password_authentication = true

  admin_ssh_key {
    username   = "intakeops"
    public_key = var.ssh_public_key
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts-gen2"
    version   = "latest"
  }

  os_disk {
    storage_account_type = "Premium_LRS"
    caching              = "ReadWrite"
  }

  network_interface {
    name    = "nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/intake"
    }
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "workers_cosmos" {
  scope                = azurerm_cosmosdb_account.intake.id
  role_definition_name = "Cosmos DB Account Reader Role"
  principal_id         = azurerm_linux_virtual_machine_scale_set.workers.identity[0].principal_id
}

resource "azurerm_key_vault" "intake" {
  name                      = "kv-intake-prod"
  resource_group_name       = azurerm_resource_group.intake.name
  location                  = azurerm_resource_group.intake.location
  tenant_id                 = data.azurerm_client_config.current.tenant_id
  sku_name                  = "standard"
  purge_protection_enabled  = true
  enable_rbac_authorization = true
}

resource "azurerm_key_vault_secret" "webhook_token" {
  name            = "intake-webhook-token"
  value           = azurerm_storage_account.intake.primary_access_key
  key_vault_id    = azurerm_key_vault.intake.id
  expiration_date = var.secret_expiry
}
