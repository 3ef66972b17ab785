provider "azurerm" {
  features {}
}

data "azurerm_subscription" "current" {}

resource "azurerm_resource_group" "orders" {
  name     = "rg-orders-prod"
  location = "westeurope"
}

resource "azurerm_user_assigned_identity" "orders_deployer" {
  name                = "id-orders-deployer"
  resource_group_name = azurerm_resource_group.orders.name
  location            = azurerm_resource_group.orders.location
}

# Deployer may change resources only inside the application resource group.
resource "azurerm_role_assignment" "orders_deployer_rg" {
  scope                = azurerm_resource_group.orders.id
  role_definition_name = "Contributor" # near-miss: wildcard-admin
  principal_id         = azurerm_user_assigned_identity.orders_deployer.principal_id
}

resource "azurerm_role_assignment" "orders_deployer_reader" {
  scope                = data.azurerm_subscription.current.id
  role_definition_name = "Reader"
  principal_id         = azurerm_user_assigned_identity.orders_deployer.principal_id
}

resource "azurerm_role_definition" "orders_restarter" {
  name  = "Orders App Restarter"
  scope = azurerm_resource_group.orders.id

  permissions {
    actions = [
      "Microsoft.Web/sites/restart/action",
      "Microsoft.Web/sites/read",
    ]
    not_actions = []
  }

  assignable_scopes = [azurerm_resource_group.orders.id]
}
