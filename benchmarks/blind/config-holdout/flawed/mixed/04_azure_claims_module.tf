# modules/claims-platform: function app, cosmos store, scale set workers.
variable "location" {
  type    = string
  default = "westeurope"
}

variable "admin_username" {
  type    = string
  default = "claimsops"
}

variable "admin_password" {
  type      = string
  sensitive = true
}

data "azurerm_subscription" "current" {}
data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "claims" {
  name     = "rg-claims-prod"
  location = var.location
}

resource "azurerm_service_plan" "claims" {
  name                = "asp-claims-prod"
  resource_group_name = azurerm_resource_group.claims.name
  location            = azurerm_resource_group.claims.location
  os_type             = "Linux"
  sku_name            = "EP1"
}

resource "azurerm_storage_account" "claims" {
  name                     = "stclaimsprod01"
  resource_group_name      = azurerm_resource_group.claims.name
  location                 = azurerm_resource_group.claims.location
  account_tier             = "Standard"
  account_replication_type = "ZRS"
  min_tls_version          = "TLS1_2"
}

resource "azurerm_linux_function_app" "claims" { # flaw: managed-identity-setting
  name                       = "func-claims-prod"
  resource_group_name        = azurerm_resource_group.claims.name
  location                   = azurerm_resource_group.claims.location
  service_plan_id            = azurerm_service_plan.claims.id
  storage_account_name       = azurerm_storage_account.claims.name
  storage_account_access_key = azurerm_storage_account.claims.primary_access_key
  https_only                 = true

  site_config {
    minimum_tls_version = "1.2"
    application_stack {
      python_version = "3.11"
    }
  }
}

resource "azurerm_cosmosdb_account" "claims" {
  name                = "cosmos-claims-prod"
  resource_group_name = azurerm_resource_group.claims.name
  location            = azurerm_resource_group.claims.location
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  access_key_metadata_writes_enabled = true # flaw: managed-identity-setting

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = var.location
    failover_priority = 0
  }
}

resource "azurerm_linux_virtual_machine_scale_set" "workers" {
  name                = "vmss-claims-workers"
  resource_group_name = azurerm_resource_group.claims.name
  location            = azurerm_resource_group.claims.location
  sku                 = "Standard_D4s_v5"
  instances           = 3
  admin_username      = var.admin_username
  admin_password      = var.admin_password

  disable_password_authentication = false # flaw: managed-identity-setting

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
      subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/workers"
    }
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_role_assignment" "workers_contributor" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Contributor" # flaw: wildcard-admin
  principal_id         = azurerm_linux_virtual_machine_scale_set.workers.identity[0].principal_id
}

resource "azurerm_key_vault" "claims" {
  name                       = "kv-claims-prod"
  resource_group_name        = azurerm_resource_group.claims.name
  location                   = azurerm_resource_group.claims.location
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  purge_protection_enabled   = true
  enable_rbac_authorization  = true
}

resource "azurerm_key_vault_secret" "cosmos_key" { # flaw: managed-identity-setting
  name         = "cosmos-primary-key"
  value        = azurerm_cosmosdb_account.claims.primary_key
  key_vault_id = azurerm_key_vault.claims.id
}
