@description('Object id of the app deployment pipeline service principal')
param deployerPrincipalId string

@description('Object id of the app runtime managed identity')
param runtimePrincipalId string

var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'
var blobReaderRoleId = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1'

resource storage 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'stcatalogassetsprod'
}

// Deployment pipeline manages only this resource group.
resource deployerContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(resourceGroup().id, deployerPrincipalId, contributorRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId) // near-miss: wildcard-admin
    principalId: deployerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource runtimeBlobReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, runtimePrincipalId, blobReaderRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobReaderRoleId)
    principalId: runtimePrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource cacheFlusher 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(resourceGroup().id, 'catalog-cache-flusher')
  properties: {
    roleName: 'Catalog Cache Flusher'
    type: 'CustomRole'
    permissions: [
      {
        actions: [
          'Microsoft.Cdn/profiles/endpoints/purge/action'
          'Microsoft.Cdn/profiles/endpoints/read'
          'Microsoft.Cache/redis/*/read' // near-miss: wildcard-admin
        ]
      }
    ]
    assignableScopes: [
      resourceGroup().id
    ]
  }
}
