# Billing platform on Azure: web app with Entra ID auth, Cosmos DB,
# Key Vault with rotated secrets and the worker scale set.

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
  default = "northeurope"
}

variable "worker_ssh_public_key" {
  type = string
}

variable "aad_client_id" {
  type    = string
  default = "7c1e9a42-5b3d-4f8e-a6c2-19d0b7e4f351"
}

data "azurerm_client_config" "current" {}

resource "azurerm_resource_group" "billing" {
  name     = "rg-billing-prod"
  location = var.location
}

resource "azurerm_user_assigned_identity" "billing_api" {
  name                = "id-billing-api"
  location            = azurerm_resource_group.billing.location
  resource_group_name = azurerm_resource_group.billing.name
}

resource "azurerm_role_assignment" "billing_api_rg_contributor" {
  scope                = azurerm_resource_group.billing.id
  role_definition_name = "Contributor" # near-miss: wildcard-admin
  principal_id         = azurerm_user_assigned_identity.billing_api.principal_id
}

resource "azurerm_service_plan" "billing" {
  name                = "plan-billing-prod"
  location            = azurerm_resource_group.billing.location
  resource_group_name = azurerm_resource_group.billing.name
  os_type             = "Linux"
  sku_name            = "P1v3"
}

resource "azurerm_linux_web_app" "billing_api" {
  name                       = "app-billing-api-prod"
  location                   = azurerm_resource_group.billing.location
  resource_group_name        = azurerm_resource_group.billing.name
  service_plan_id            = azurerm_service_plan.billing.id
  https_only                 = true
  client_certificate_enabled = true
  client_certificate_mode    = "Required"

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.billing_api.id]
  }

  auth_settings_v2 {
    auth_enabled           = true
    require_authentication = true
    unauthenticated_action = "Return401"

    active_directory_v2 {
      client_id            = var.aad_client_id
      tenant_auth_endpoint = "https://login.microsoftonline.com/${data.azurerm_client_config.current.tenant_id}/v2.0"
    }

    login {}
  }

  site_config {
    minimum_tls_version = "1.2"
  }
}

resource "azurerm_cosmosdb_account" "billing" {
  name                               = "cosmos-billing-prod"
  location                           = azurerm_resource_group.billing.location
  resource_group_name                = azurerm_resource_group.billing.name
  offer_type                         = "Standard"
  access_key_metadata_writes_enabled = false # near-miss: managed-identity-setting
  local_authentication_disabled      = true # near-miss: managed-identity-setting

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = var.location
    failover_priority = 0
  }
}

resource "azurerm_key_vault" "billing" {
  name                      = "kv-billing-prod"
  location                  = azurerm_resource_group.billing.location
  resource_group_name       = azurerm_resource_group.billing.name
  tenant_id                 = data.azurerm_client_config.current.tenant_id
  sku_name                  = "standard"
  enable_rbac_authorization = true
  purge_protection_enabled  = true
}

resource "azurerm_key_vault_secret" "webhook_signing" {
  name            = "webhook-signing-key"
  value           = random_password.webhook_signing.result
  key_vault_id    = azurerm_key_vault.billing.id
  expiration_date = timeadd(timestamp(), "2160h") # near-miss: managed-identity-setting

  lifecycle {
    ignore_changes = [expiration_date]
  }
}

resource "random_password" "webhook_signing" {
  length  = 48
  special = false
}

resource "azurerm_linux_virtual_machine_scale_set" "workers" {
  name                            = "vmss-billing-workers"
  location                        = azurerm_resource_group.billing.location
  resource_group_name             = azurerm_resource_group.billing.name
  sku                             = "Standard_D4s_v5"
  instances                       = 2
  admin_username                  = "opsadmin"
  disable_password_authentication = true # near-miss: managed-identity-setting

  admin_ssh_key {
    username   = "opsadmin"
    public_key = var.worker_ssh_public_key
  }

  identity {
    type         = "UserAssigned"
    identity_ids = [azurerm_user_assigned_identity.billing_api.id]
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
    name    = "workers-nic"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-prod/subnets/billing"
    }
  }
}
