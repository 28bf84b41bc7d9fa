// PeerLoop: Azure resources for one environment (provisioned by `atk provision --env <name>`).
//
// Everything runs on managed identities: Cosmos DB, Key Vault, the Functions deployment storage,
// Application Insights and Web PubSub all have local (key-based) auth disabled, and the Azure Bot
// authenticates as a user-assigned managed identity, so this template creates and stores no keys or
// client secrets.
// The one application secret (ANONYMITY_HASH_KEY) is generated once by the Toolkit (see teamsapp.yml),
// passed in as a secure parameter, kept in Key Vault and read by the Function App through a Key Vault
// reference.
//
// Outputs are written by the Toolkit's arm/deploy action into env/.env.<env> under the same names.

targetScope = 'resourceGroup'

@minLength(4)
@maxLength(20)
@description('Lower-case letters, digits and hyphens; prefix of every resource name (e.g. peerloopdev).')
param resourceBaseName string

@description('Region for everything except the Static Web App and the Azure Bot (which is global).')
param location string = resourceGroup().location

@description('Static Web Apps is offered in a few regions only (westus2, centralus, eastus2, westeurope, eastasia).')
@allowed([
  'westus2'
  'centralus'
  'eastus2'
  'westeurope'
  'eastasia'
])
param staticWebAppLocation string = 'westeurope'

@description('Client id of the Entra app used for Teams SSO (tab -> API tokens). Created by aadApp/create.')
param aadAppClientId string

@description('Tenant of the Entra SSO app.')
param aadAppTenantId string

@description('Comma-separated tenant ids whose users may call the API. Empty means the SSO app\'s own tenant.')
param allowedTenantIds string = ''

@description('Teams app id (from teamsApp/create); the API uses it to build deep links in cards.')
param teamsAppId string = ''

@secure()
@minLength(32)
@description('Key for the keyed hash that links anonymous questions to their author. Generated once per environment; changing it breaks "my questions" for existing anonymous questions.')
param anonymityHashKey string

@secure()
@minLength(32)
@description('Key that signs cohort calendar-feed URLs (Outlook subscriptions cannot send a bearer token). Changing it invalidates every feed URL people subscribed to.')
param feedSigningKey string

@description('Display name of the Azure Bot.')
@maxLength(42)
param botDisplayName string = 'PeerLoop'

@description('Flex Consumption instances kept warm for HTTP triggers (bot and messaging extension answers must come within seconds; a cold start can take longer). Set 0 to pay nothing while idle.')
@minValue(0)
param alwaysReadyHttpInstances int = 1

@description('Upper bound of Flex Consumption scale-out.')
param maximumInstanceCount int = 100

@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
@description('Web PubSub tier for live Q&A updates (docs/adr/0004). Free_F1 (20 connections, 20,000 messages a day, no SLA) is enough to try a dev environment.')
param webPubSubSku string = 'Standard_S1'

@description('Web PubSub units: 1,000 concurrent side panels each.')
param webPubSubCapacity int = 1

param tags object = {
  app: 'peerloop'
}

// The containers are declared once, in infra/containers.json, and shared with the local scripts.
var dataModel = loadJsonContent('containers.json')

var baseName = toLower(resourceBaseName)
var compactBaseName = replace(baseName, '-', '')
var token = take(uniqueString(subscription().id, resourceGroup().id, baseName), 6)
var names = {
  logAnalytics: '${baseName}-logs-${token}'
  appInsights: '${baseName}-appi-${token}'
  cosmos: '${baseName}-cosmos-${token}'
  // Storage and Key Vault names are short and restricted (no hyphens for storage; <= 24 chars for both).
  storage: take('st${token}${compactBaseName}', 24)
  keyVault: take('kv${token}${compactBaseName}', 24)
  plan: '${baseName}-plan-${token}'
  functionApp: '${baseName}-api-${token}'
  botIdentity: '${baseName}-bot-id-${token}'
  bot: '${baseName}-bot-${token}'
  staticWebApp: '${baseName}-tabs-${token}'
  webPubSub: '${baseName}-wps-${token}'
}

var anonymityHashKeySecretName = 'anonymity-hash-key'
var feedSigningKeySecretName = 'feed-signing-key'
var deploymentContainerName = 'app-package'
var webPubSubHubName = 'qna'
// The Function App needs this endpoint in its settings, and Web PubSub needs the Function App's identity for
// its role assignment; naming the endpoint from the resource name breaks that cycle. (Public Azure cloud
// host name; the WEB_PUBSUB_ENDPOINT output is read from the deployed resource, so a mismatch shows there.)
var webPubSubEndpoint = 'https://${names.webPubSub}.webpubsub.azure.com'

module monitoring 'modules/monitoring.bicep' = {
  name: 'peerloop-monitoring'
  params: {
    location: location
    tags: tags
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'peerloop-cosmos'
  params: {
    location: location
    tags: tags
    accountName: names.cosmos
    databaseName: dataModel.database
    containers: dataModel.containers
  }
}

module storage 'modules/storage.bicep' = {
  name: 'peerloop-storage'
  params: {
    location: location
    tags: tags
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'peerloop-keyvault'
  params: {
    location: location
    tags: tags
    keyVaultName: names.keyVault
    anonymityHashKeySecretName: anonymityHashKeySecretName
    anonymityHashKey: anonymityHashKey
    feedSigningKeySecretName: feedSigningKeySecretName
    feedSigningKey: feedSigningKey
  }
}

module staticWebApp 'modules/staticwebapp.bicep' = {
  name: 'peerloop-tabs'
  params: {
    location: staticWebAppLocation
    tags: tags
    staticWebAppName: names.staticWebApp
  }
}

// The bot's identity exists before the Function App so its client id can go into the app settings.
module botIdentity 'modules/botidentity.bicep' = {
  name: 'peerloop-bot-identity'
  params: {
    location: location
    tags: tags
    identityName: names.botIdentity
  }
}

module functionApp 'modules/functionapp.bicep' = {
  name: 'peerloop-api'
  params: {
    location: location
    tags: tags
    planName: names.plan
    functionAppName: names.functionApp
    storageAccountName: storage.outputs.storageAccountName
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    botIdentityResourceId: botIdentity.outputs.resourceId
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    maximumInstanceCount: maximumInstanceCount
    allowedOrigins: [
      staticWebApp.outputs.endpoint
    ]
    appSettings: {
      PEERLOOP_ENV: 'production'
      // Data: endpoint only, no key. The SDK signs in with the app's system-assigned identity
      // (DefaultAzureCredential/ManagedIdentityCredential without a client id). Do NOT set AZURE_CLIENT_ID:
      // it would switch those credentials to the bot's user-assigned identity, which has no data roles.
      COSMOS_ENDPOINT: cosmos.outputs.endpoint
      COSMOS_DATABASE: dataModel.database
      // Teams SSO token validation (tab -> API).
      AAD_APP_CLIENT_ID: aadAppClientId
      AAD_APP_TENANT_ID: aadAppTenantId
      ALLOWED_TENANT_IDS: empty(allowedTenantIds) ? aadAppTenantId : allowedTenantIds
      // Bot Framework authentication: the bot is the user-assigned managed identity (no password).
      BOT_ID: botIdentity.outputs.clientId
      BOT_TENANT_ID: botIdentity.outputs.tenantId
      BOT_APP_TYPE: 'UserAssignedMSI'
      // Microsoft Graph on behalf of users (docs/adr/0007): the SSO app's client assertion is a token of this
      // user-assigned identity, which the app registration trusts through a federated identity credential
      // (created by teamsapp.yml). No client secret exists.
      GRAPH_FEDERATED_CREDENTIAL_CLIENT_ID: botIdentity.outputs.clientId
      TEAMS_APP_ID: teamsAppId
      TAB_ENDPOINT: staticWebApp.outputs.endpoint
      // Live Q&A updates across instances: endpoint only, no key; the system-assigned identity signs in.
      WEB_PUBSUB_ENDPOINT: webPubSubEndpoint
      WEB_PUBSUB_HUB: webPubSubHubName
      // Secret: resolved by the platform from Key Vault with the system-assigned identity.
      ANONYMITY_HASH_KEY: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.keyVaultName};SecretName=${anonymityHashKeySecretName})'
      FEED_SIGNING_KEY: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.keyVaultName};SecretName=${feedSigningKeySecretName})'
      // Telemetry with Entra auth (local auth is disabled on the component).
      APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.appInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD'
    }
  }
}

// Data-plane and resource roles for the Function App's system-assigned identity.
module roles 'modules/roles.bicep' = {
  name: 'peerloop-roles'
  params: {
    principalId: functionApp.outputs.principalId
    cosmosAccountName: cosmos.outputs.accountName
    cosmosDatabaseName: dataModel.database
    keyVaultName: keyVault.outputs.keyVaultName
    storageAccountName: storage.outputs.storageAccountName
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

// Live Q&A updates: deployed after the Function App, whose identity it grants Web PubSub Service Owner.
module webPubSub 'modules/webpubsub.bicep' = {
  name: 'peerloop-webpubsub'
  params: {
    location: location
    tags: tags
    webPubSubName: names.webPubSub
    hubName: webPubSubHubName
    skuName: webPubSubSku
    capacity: webPubSubCapacity
    principalId: functionApp.outputs.principalId
  }
}

module bot 'modules/bot.bicep' = {
  name: 'peerloop-bot'
  params: {
    tags: tags
    botName: names.bot
    botDisplayName: botDisplayName
    messagingEndpoint: '${functionApp.outputs.endpoint}/api/messages'
    identityResourceId: botIdentity.outputs.resourceId
    identityClientId: botIdentity.outputs.clientId
    identityTenantId: botIdentity.outputs.tenantId
  }
}

// ---- Outputs (written to env/.env.<env> by the Toolkit) ----
output TAB_ENDPOINT string = staticWebApp.outputs.endpoint
output TAB_DOMAIN string = staticWebApp.outputs.hostName
output STATIC_WEB_APP_RESOURCE_ID string = staticWebApp.outputs.resourceId
output API_ENDPOINT string = functionApp.outputs.endpoint
output API_DOMAIN string = functionApp.outputs.hostName
output FUNCTION_APP_RESOURCE_ID string = functionApp.outputs.resourceId
output FUNCTION_APP_NAME string = functionApp.outputs.name
output BOT_ID string = botIdentity.outputs.clientId
output BOT_TENANT_ID string = botIdentity.outputs.tenantId
// Subject of the SSO app's federated identity credential for Microsoft Graph on-behalf-of (docs/adr/0007).
output GRAPH_FEDERATED_IDENTITY_PRINCIPAL_ID string = botIdentity.outputs.principalId
output BOT_ENDPOINT string = '${functionApp.outputs.endpoint}/api/messages'
output BOT_SERVICE_RESOURCE_ID string = bot.outputs.resourceId
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE string = dataModel.database
output KEY_VAULT_NAME string = keyVault.outputs.keyVaultName
output APPLICATIONINSIGHTS_RESOURCE_ID string = monitoring.outputs.appInsightsResourceId
output WEB_PUBSUB_ENDPOINT string = webPubSub.outputs.endpoint
output WEB_PUBSUB_HUB string = webPubSub.outputs.hubName
