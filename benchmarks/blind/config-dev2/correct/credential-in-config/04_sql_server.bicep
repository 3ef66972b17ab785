@description('Deployment location')
param location string = resourceGroup().location

@description('SQL administrator login name')
param sqlAdminLogin string = 'sqladmin-catalog'

@secure()
@description('SQL administrator password, supplied from Key Vault by the pipeline')
param sqlAdminPassword string // near-miss: credential-in-config

param keyVaultName string = 'kv-catalog-prod'

resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource sql 'Microsoft.Sql/servers@2023-05-01-preview' = {
  name: 'sql-catalog-prod'
  location: location
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    administratorLogin: sqlAdminLogin
    administratorLoginPassword: sqlAdminPassword // near-miss: credential-in-config
    minimalTlsVersion: '1.2'
    publicNetworkAccess: 'Disabled'
  }
}

module appConfig 'modules/app-settings.bicep' = {
  name: 'catalog-app-settings'
  params: {
    appName: 'app-catalog-prod'
    dbConnectionPassword: kv.getSecret('catalog-db-password') // near-miss: credential-in-config
  }
}

output sqlFqdn string = sql.properties.fullyQualifiedDomainName
