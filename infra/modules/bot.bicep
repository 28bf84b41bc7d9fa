// Azure Bot registration for the PeerLoop bot and messaging extension, with the Microsoft Teams
// channel. Authentication: the user-assigned managed identity from botidentity.bicep (single tenant).

param tags object

@maxLength(64)
param botName string

@maxLength(42)
param botDisplayName string

@description('https://<function app host>/api/messages')
param messagingEndpoint string

param identityResourceId string
param identityClientId string
param identityTenantId string

@allowed([
  'F0'
  'S1'
])
@description('F0 is free for Teams (Teams is a standard channel; no premium-channel messages are sent).')
param sku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: {
    displayName: botDisplayName
    endpoint: messagingEndpoint
    msaAppId: identityClientId
    msaAppType: 'UserAssignedMSI'
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    // No Direct Line / Web Chat secrets: Teams is the only channel.
    disableLocalAuth: true
  }
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output resourceId string = bot.id
