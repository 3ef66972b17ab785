param location string = resourceGroup().location
param expiryEpoch int

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: 'wrenfield-api-plan'
  location: location
  sku: {
    name: 'P1v3'
  }
  kind: 'linux'
  properties: {
    reserved: true
  }
}

resource api 'Microsoft.Web/sites@2023-01-01' = {
  name: 'wrenfield-api'
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
    }
  }
}

resource apiAuth 'Microsoft.Web/sites/config@2023-01-01' = {
  parent: api
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: '3f6c2a91-7b4e-4d0a-9e85-1c2b3a4d5e6f'
          openIdIssuer: 'https://sts.windows.net/${subscription().tenantId}/v2.0'
        }
      }
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-wrenfield-api'
}

resource hmacSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'webhook-hmac'
  properties: {
    attributes: {
      enabled: true
      exp: expiryEpoch
    }
  }
}
