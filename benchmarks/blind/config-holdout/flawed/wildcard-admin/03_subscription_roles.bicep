targetScope = 'subscription'

@description('Object ID of the deployment automation identity')
param automationPrincipalId string

@description('Object ID of the data platform managed identity')
param dataPlatformPrincipalId string

var ownerRoleId = '8e3af657-a8ff-443c-a75c-2fe8c4bcb635'
var contributorRoleId = 'b24988ac-6180-42a0-ab88-20f7382dd24c'

resource automationOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, automationPrincipalId, ownerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ownerRoleId) // flaw: wildcard-admin
    principalId: automationPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource dataPlatformContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, dataPlatformPrincipalId, contributorRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', contributorRoleId) // flaw: wildcard-admin
    principalId: dataPlatformPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource opsRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, 'ops-operator')
  properties: {
    roleName: 'Ops Operator'
    description: 'Day-two operations for the platform team'
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
