// The bot's identity: a user-assigned managed identity. The Azure Bot resource is registered with
// msaAppType UserAssignedMSI and this identity's client id, and the Function App carries the identity,
// so Bot Framework tokens are obtained without any client secret to store or rotate.

param location string
param tags object
param identityName string

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: identityName
  location: location
  tags: tags
}

output resourceId string = identity.id
output clientId string = identity.properties.clientId
output tenantId string = identity.properties.tenantId
output principalId string = identity.properties.principalId
