# Orders platform on Azure: app service, Cosmos DB, Key Vault and the
# worker scale set. Consumed by live/prod/orders/main.tf.

terraform {
  required_providers {
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 3.110"
    }
  }
}

provider "azurerm" {
  features {}
}

variable "location" {
  type    = string
  default = "westeurope"
}

variable "worker_admin_password" {
  type      = string
  sensitive = true
}

data "azurerm_subscription" "current" {}
data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "orders" {
  name     = "rg-orders-prod"
  location = var.location
}

resource "azurerm_user_assigned_identity" "orders_api" {
  name                = "id-orders-api"
  location            = azurerm_resource_group.orders.location
  resource_group_name = azurerm_resource_group.orders.name
}

resource "azurerm_role_assignment" "orders_api_owner" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Owner" # flaw: wildcard-admin
  principal_id         = azurerm_user_assigned_identity.orders_api.principal_id
}

resource "azurerm_service_plan" "orders" {
  name                = "plan-orders-prod"
  location            = azurerm_resource_group.orders.location
  resource_group_name = azurerm_resource_group.orders.name
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_linux_web_app" "orders_api" { # flaw: managed-identity-setting
  name                = "app-orders-api-prod"
  location            = azurerm_resource_group.orders.location
  resource_group_name = azurerm_resource_group.orders.name
  service_plan_id     = azurerm_service_plan.orders.id
  https_only          = true
  client_certificate_enabled = false # flaw: managed-identity-setting

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.orders_api.id]
  }

  site_config {
    minimum_tls_version = "1.2"
    application_stack {
      dotnet_version = "8.0"
    }
  }
}

resource "azurerm_cosmosdb_account" "orders" {
  name                = "cosmos-orders-prod"
  location            = azurerm_resource_group.orders.location
  resource_group_name = azurerm_resource_group.orders.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  access_key_metadata_writes_enabled = true # flaw: managed-identity-setting
  local_authentication_disabled      = false

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = var.location
    failover_priority = 0
  }
}

resource "azurerm_key_vault" "orders" {
  name                      = "kv-orders-prod"
  location                  = azurerm_resource_group.orders.location
  resource_group_name       = azurerm_resource_group.orders.name
  tenant_id                 = data.azurerm_client_config.current.tenant_id
  sku_name                  = "standard"
  enable_rbac_authorization = true
  purge_protection_enabled  = true
}

resource "azurerm_key_vault_secret" "cosmos_key" { # flaw: managed-identity-setting
  name         = "cosmos-primary-key"
  value        = azurerm_cosmosdb_account.orders.primary_key
  key_vault_id = azurerm_key_vault.orders.id
  content_type = "text/plain"
}

resource "azurerm_linux_virtual_machine_scale_set" "workers" {
  name                            = "vmss-orders-workers"
  location                        = azurerm_resource_group.orders.location
  resource_group_name             = azurerm_resource_group.orders.name
  sku                             = "Standard_D4s_v5"
  instances                       = 3
  admin_username                  = "opsadmin"
  admin_password                  = var.worker_admin_password
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
    name    = "workers-nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/orders"
    }
  }
}
