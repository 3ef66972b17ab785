data "azurerm_subscription" "primary" {}

resource "azuread_application" "ci" {
  display_name = "ci-pipeline"
}

resource "azuread_service_principal" "ci" {
  client_id = azuread_application.ci.client_id
}

resource "azurerm_role_assignment" "ci_contributor" {
  scope                = data.azurerm_subscription.primary.id
  role_definition_name = "Contributor"  # expect: IDG244
  principal_id         = azuread_service_principal.ci.object_id
}

resource "azurerm_role_definition" "ops" {
  name        = "platform-ops"
  scope       = data.azurerm_subscription.primary.id
  description = "Operators"

  permissions {
    actions     = ["*"] # expect: IDG245
    not_actions = []
  }

  assignable_scopes = [data.azurerm_subscription.primary.id]
}

resource "azurerm_role_assignment" "owner" {
  scope              = "/subscriptions/00000000-0000-0000-0000-000000000000"
  role_definition_id = "/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635"  # expect: IDG244
  principal_id       = var.break_glass_group_id
}
