provider "azurerm" {
  features {}
}

resource "azurerm_resource_group" "batch" {
  name     = "rg-oriole-batch"
  location = "westeurope"
}

resource "azurerm_linux_virtual_machine_scale_set" "workers" {
  name                = "vmss-oriole-workers"
  resource_group_name = azurerm_resource_group.batch.name
  location            = azurerm_resource_group.batch.location
  sku                 = "Standard_D4s_v5"
  instances           = 3
  admin_username      = "oriole"
  admin_password      = var.worker_admin_password

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
    name    = "workers"
    primary = true
    ip_configuration {
      name      = "internal"
      primary   = true
      subnet_id = var.subnet_id
    }
  }

  identity {
    type = "SystemAssigned"
  }
}

variable "worker_admin_password" {
  type      = string
  sensitive = true
}

variable "subnet_id" {
  type = string
}

resource "azurerm_cosmosdb_account" "results" {
  name                = "cosmos-oriole-results"
  location            = azurerm_resource_group.batch.location
  resource_group_name = azurerm_resource_group.batch.name
  offer_type          = "Standard"
  kind                = "GlobalDocumentDB"

  access_key_metadata_writes_enabled = true # flaw: managed-identity-setting
  local_authentication_disabled      = false

  consistency_policy {
    consistency_level = "Session"
  }

  geo_location {
    location          = "westeurope"
    failover_priority = 0
  }
}

resource "azurerm_key_vault_key" "results_cmk" { # flaw: managed-identity-setting
  name         = "oriole-results-cmk"
  key_vault_id = "/subscriptions/6a0f5b12-3c4d-4e8f-9a71-b2c3d4e5f601/resourceGroups/rg-oriole-batch/providers/Microsoft.KeyVault/vaults/kv-oriole"
  key_type     = "RSA"
  key_size     = 3072
  key_opts     = ["wrapKey", "unwrapKey"]
}
