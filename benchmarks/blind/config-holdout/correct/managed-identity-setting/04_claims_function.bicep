param location string = resourceGroup().location
param env string = 'prod'

@description('Expiry for rotated secrets, as epoch seconds')
param secretExpiry int = 1798761600

@secure()
param storageConnection string // near-miss: credential-in-config

@secure()
param signingSalt string

var name = 'claims-${env}'

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: '${name}-plan'
  location: location
  sku: {
    name: 'EP1'
    tier: 'ElasticPremium'
  }
}

resource func 'Microsoft.Web/sites@2023-01-01' = {
  name: '${name}-func'
  location: location
  kind: 'functionapp'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: true
    clientCertMode: 'Required'
    siteConfig: {
      minTlsVersion: '1.2'
      appSettings: [
        {
          name: 'AzureWebJobsStorage'
          value: storageConnection
        }
      ]
    }
  }
}

resource funcAuth 'Microsoft.Web/sites/config@2023-01-01' = {
  parent: func
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: true
      unauthenticatedClientAction: 'Return401'
    }
  }
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2023-11-15' = {
  name: '${name}-cosmos'
  location: location
  properties: {
    databaseAccountOfferType: 'Standard'
    disableKeyBasedMetadataWriteAccess: true
    disableLocalAuth: true
    locations: [
      {
        locationName: location
      }
    ]
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv-${name}'
}

resource claimsSigningSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'claims-signing-salt'
  properties: {
    value: signingSalt
    attributes: {
      enabled: true
      exp: secretExpiry
    }
  }
}
