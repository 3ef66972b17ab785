targetScope = 'subscription'

@description('Principal id of the data platform pipeline identity')
param pipelinePrincipalId string

param location string = 'westeurope'

var ownerRoleId = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
var readerRoleId = 'acdd72a7-3385-48ef-bd42-f606fba81ae7'

resource dataRg 'Microsoft.Resources/resourceGroups@2023-07-01' = {
  name: 'rg-data-platform'
  location: location
}

resource pipelineOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, pipelinePrincipalId, ownerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId) // flaw: wildcard-admin
    principalId: pipelinePrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource pipelineReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, pipelinePrincipalId, readerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', readerRoleId)
    principalId: pipelinePrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource dataOperator 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'data-platform-operator')
  properties: {
    roleName: 'Data Platform Operator'
    description: 'Operates the data platform resources'
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
