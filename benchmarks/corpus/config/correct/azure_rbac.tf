resource "azurerm_resource_group" "app" {
  name     = "orders"
  location = "westeurope"
}

resource "azurerm_role_assignment" "ci_contributor" {
  scope                = azurerm_resource_group.app.id # ok: IDG244
  role_definition_name = "Contributor"
  principal_id         = azuread_service_principal.ci.object_id
}

data "azurerm_subscription" "primary" {}

resource "azurerm_role_assignment" "auditors" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Reader"
  principal_id         = var.auditors_group_id
}

resource "azurerm_role_definition" "vm_operator" {
  name  = "vm-operator"
  scope = azurerm_resource_group.app.id

  permissions {
    actions = [ # ok: IDG245
      "Microsoft.Compute/virtualMachines/read",
      "Microsoft.Compute/virtualMachines/restart/action",
    ]
    not_actions = []
  }

  assignable_scopes = [azurerm_resource_group.app.id]
}
