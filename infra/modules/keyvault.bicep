// Key Vault in RBAC mode (no access policies). Application secrets are written here by the
// deployment and read by the Function App through Key Vault references (Key Vault Secrets User,
// granted in roles.bicep).

param location string
param tags object

@minLength(3)
@maxLength(24)
param keyVaultName string

@description('Name of the secret that holds the anonymity hash key.')
param anonymityHashKeySecretName string

@secure()
@description('Value of that secret (see main.bicep).')
param anonymityHashKey string

@description('Name of the secret that signs calendar-feed URLs.')
param feedSigningKeySecretName string

@secure()
@description('Value of that secret (see main.bicep).')
param feedSigningKey string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    publicNetworkAccess: 'Enabled'
  }
}

resource anonymityHashKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: anonymityHashKeySecretName
  properties: {
    value: anonymityHashKey
    contentType: 'text/plain'
  }
}

resource feedSigningKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: feedSigningKeySecretName
  properties: {
    value: feedSigningKey
    contentType: 'text/plain'
  }
}

output keyVaultName string = vault.name
output keyVaultUri string = vault.properties.vaultUri
