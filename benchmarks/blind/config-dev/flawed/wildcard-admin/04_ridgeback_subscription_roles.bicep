targetScope = 'subscription'

@description('Principal ID of the automation identity used by the Ridgeback deployment agent')
param agentPrincipalId string

var ownerRoleId = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'

resource agentOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, agentPrincipalId, ownerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId) // flaw: wildcard-admin
    principalId: agentPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource opsRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'ridgeback-ops')
  properties: {
    roleName: 'Ridgeback Operations'
    description: 'Day-two operations for Ridgeback workloads'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          '*' // flaw: wildcard-admin
        ]
        notActions: [
          'Microsoft.Authorization/*/Delete'
        ]
      }
    ]
    assignableScopes: [
      subscription().id
    ]
  }
}

resource readerForAuditors 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, 'auditors', 'reader')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
    principalId: '9b2f4c61-0d3e-4a7b-8c15-e6f7a8b9c0d1'
    principalType: 'Group'
  }
}
