param location string = resourceGroup().location
param appName string = 'app-orders-prod'
param secretExpiry int = dateTimeToEpoch(dateTimeAdd(utcNow(), 'P90D'))

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'plan-orders-prod'
  location: location
  sku: {
    name: 'P1v3'
  }
  kind: 'linux'
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2023-01-01' = {
  name: appName
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: true
    clientCertMode: 'Required'
    siteConfig: {
      linuxFxVersion: 'DOTNETCORE|8.0'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

resource auth 'Microsoft.Web/sites/config@2023-01-01' = {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401' // near-miss: managed-identity-setting
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: '3f6c2a8e-1b4d-4e7a-9c5f-0d2b8a6e4c1f'
          openIdIssuer: 'https://sts.windows.net/${subscription().tenantId}/v2.0'
        }
      }
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-orders-prod'
}

resource signingSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'orders-webhook-signing'
  properties: {
    contentType: 'text/plain'
    attributes: {
      enabled: true
      exp: secretExpiry // near-miss: managed-identity-setting
    }
  }
}
