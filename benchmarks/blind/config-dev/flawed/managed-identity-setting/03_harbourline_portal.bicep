// Harbourline customer portal: web app plus the vault holding its signing material.
param location string = resourceGroup().location
param appName string = 'harbourline-portal'

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

resource portal 'Microsoft.Web/sites@2023-01-01' = { // flaw: managed-identity-setting
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

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: 'kv-harbourline-portal'
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

resource sessionKey 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = { // flaw: managed-identity-setting
  parent: vault
  name: 'session-cookie-key'
  properties: {
    contentType: 'text/plain'
    attributes: {
      enabled: true
    }
  }
}

output portalHost string = portal.properties.defaultHostName
