@description('Deployment location')
param location string = resourceGroup().location

@description('Short environment name')
param env string = 'prod'

var appName = 'partner-portal-${env}'

resource plan 'Microsoft.Web/serverfarms@2023-01-01' = {
  name: '${appName}-plan'
  location: location
  sku: {
    name: 'P1v3'
    tier: 'PremiumV3'
  }
  kind: 'linux'
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-01-01' = { // flaw: managed-identity-setting
  name: appName
  location: location
  kind: 'app,linux'
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false // flaw: managed-identity-setting
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
  }
}

resource siteAuth 'Microsoft.Web/sites/config@2023-01-01' = {
  parent: site
  name: 'authsettingsV2'
  properties: {
    platform: {
      enabled: false // flaw: managed-identity-setting
    }
    globalValidation: {
      unauthenticatedClientAction: 'AllowAnonymous'
    }
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-${appName}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    enablePurgeProtection: true
  }
}

resource partnerApiSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = { // flaw: managed-identity-setting
  parent: vault
  name: 'partner-api-endpoint'
  properties: {
    value: 'https://api.partners.acme.example/v2'
    contentType: 'text/plain'
  }
}
