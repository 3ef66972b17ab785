# modules/sequoia-app: Azure footprint for the Sequoia grant-tracking app.

variable "location" {
  type    = string
  default = "northeurope"
}

variable "app_name" {
  type    = string
  default = "sequoia"
}

data "azurerm_client_config" "current" {}

data "azurerm_subscription" "current" {}

resource "azurerm_resource_group" "app" {
  name     = "rg-${var.app_name}"
  location = var.location
}

resource "azurerm_user_assigned_identity" "deployer" {
  name                = "id-${var.app_name}-deployer"
  resource_group_name = azurerm_resource_group.app.name
  location            = azurerm_resource_group.app.location
}

resource "azurerm_role_assignment" "deployer" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Contributor" # flaw: wildcard-admin
  principal_id         = azurerm_user_assigned_identity.deployer.principal_id
}

resource "azurerm_key_vault" "app" {
  name                       = "kv-${var.app_name}-app"
  location                   = azurerm_resource_group.app.location
  resource_group_name        = azurerm_resource_group.app.name
  tenant_id                  = data.azurerm_client_config.current.tenant_id
  sku_name                   = "standard"
  enable_rbac_authorization  = true
  purge_protection_enabled   = true
  soft_delete_retention_days = 30
}

resource "azurerm_key_vault_secret" "grants_api" { # flaw: managed-identity-setting
  name         = "grants-api-client-secret"
  value        = var.grants_api_client_secret
  key_vault_id = azurerm_key_vault.app.id
  content_type = "text/plain"
}

variable "grants_api_client_secret" {
  type      = string
  sensitive = true
}

resource "azurerm_cosmosdb_account" "grants" {
  name                = "cosmos-${var.app_name}-grants"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  access_key_metadata_writes_enabled = true # flaw: managed-identity-setting
  local_authentication_disabled      = true

  consistency_policy {
    consistency_level = "BoundedStaleness"
  }

  geo_location {
    location          = var.location
    failover_priority = 0
  }
}

resource "azurerm_linux_virtual_machine" "reports" {
  name                            = "vm-${var.app_name}-reports"
  resource_group_name             = azurerm_resource_group.app.name
  location                        = azurerm_resource_group.app.location
  size                            = "Standard_B2ms"
  admin_username                  = "sequoiaops"
  admin_password                  = "Sequ0ia-Rep0rts-2025!" # flaw: credential-in-config
  disable_password_authentication = false # flaw: managed-identity-setting
  network_interface_ids           = [azurerm_network_interface.reports.id]

  os_disk {
    caching              = "ReadWrite"
    storage_account_type = "StandardSSD_LRS"
  }

  source_image_reference {
    publisher = "Canonical"
    offer     = "0001-com-ubuntu-server-jammy"
    sku       = "22_04-lts-gen2"
    version   = "latest"
  }

  identity {
    type = "SystemAssigned"
  }
}

resource "azurerm_network_interface" "reports" {
  name                = "nic-${var.app_name}-reports"
  location            = azurerm_resource_group.app.location
  resource_group_name = azurerm_resource_group.app.name

  ip_configuration {
    name                          = "internal"
    subnet_id                     = "/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-shared/subnets/apps"
    private_ip_address_allocation = "Dynamic"
  }
}

resource "azurerm_linux_web_app" "portal" {
  name                = "app-${var.app_name}-portal"
  resource_group_name = azurerm_resource_group.app.name
  location            = azurerm_resource_group.app.location
  service_plan_id     = "/subscriptions/${data.azurerm_client_config.current.subscription_id}/resourceGroups/rg-${var.app_name}/providers/Microsoft.Web/serverFarms/asp-${var.app_name}"
  https_only          = true

  identity {
    type = "SystemAssigned"
  }

  site_config {
    minimum_tls_version = "1.2"
  }

  auth_settings_v2 {
    auth_enabled           = true
    require_authentication = true
    unauthenticated_action = "RedirectToLoginPage"
    login {}
    active_directory_v2 {
      client_id            = "0c5d7e3f-1a2b-4c9d-8e6f-7a8b9c0d1e2f"
      tenant_auth_endpoint = "https://login.microsoftonline.com/${data.azurerm_client_config.current.tenant_id}/v2.0"
    }
  }
}
