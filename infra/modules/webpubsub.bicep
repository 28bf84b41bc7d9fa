// Azure Web PubSub for live Q&A updates (docs/adr/0004). Functions scale out across instances, so a vote
// handled on one instance cannot reach a side panel whose stream is held by another; instead any instance
// publishes to a group here and the service pushes to every WebSocket in it.
//
// Entra-only (access keys disabled): the Function App's system-assigned identity publishes and signs client
// tokens as Web PubSub Service Owner. Clients connect only with a token the API issued (anonymous connect
// denied); tokens name one session's group and no user, and grant no roles, so clients can only listen.

param location string
param tags object

@minLength(3)
@maxLength(63)
param webPubSubName string

@description('Hub the API publishes to (WEB_PUBSUB_HUB).')
param hubName string = 'qna'

@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
@description('Free_F1: 20 connections and 20,000 messages a day, no SLA (trials only). Standard_S1: 1,000 connections per unit.')
param skuName string = 'Standard_S1'

@allowed([
  1
  2
  5
  10
  20
  50
  100
])
@description('Units (1,000 concurrent connections each; Free_F1 has exactly 1).')
param capacity int = 1

@description('Object (principal) id of the Function App\'s system-assigned identity.')
param principalId string

// Web PubSub Service Owner: publish, manage groups and connections, and generate client tokens.
var webPubSubServiceOwnerRoleId = '12cf5a90-567b-43ae-8102-96cf46c7d9b4'

resource webPubSub 'Microsoft.SignalRService/webPubSub@2024-03-01' = {
  name: webPubSubName
  location: location
  tags: tags
  sku: {
    name: skuName
    capacity: capacity
  }
  properties: {
    // Only Entra identities with a Web PubSub data role; no access keys or connection strings.
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
    tls: {
      clientCertEnabled: false
    }
  }
}

resource hub 'Microsoft.SignalRService/webPubSub/hubs@2024-03-01' = {
  parent: webPubSub
  name: hubName
  properties: {
    // Every client needs a token from the API, which checks cohort membership and the session first.
    anonymousConnectPolicy: 'Deny'
    // Clients only listen: nothing they send is forwarded anywhere.
    eventHandlers: []
  }
}

resource serviceOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: webPubSub
  name: guid(webPubSub.id, principalId, webPubSubServiceOwnerRoleId)
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', webPubSubServiceOwnerRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

output name string = webPubSub.name
output hubName string = hub.name
output endpoint string = 'https://${webPubSub.properties.hostName}'
