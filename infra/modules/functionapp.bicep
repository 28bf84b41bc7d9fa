// The PeerLoop API and bot host: an Azure Functions app (Node.js, Functions v4 programming model)
// on the Flex Consumption plan.
//
// Identities:
// - system-assigned: Cosmos DB data, Key Vault secrets, host and deployment storage, telemetry
//   (roles in roles.bicep). Azure SDK credentials without a client id resolve to this identity.
// - user-assigned (bot identity): used only by the Bot Framework adapter (BOT_APP_TYPE=UserAssignedMSI).
//
// Flex Consumption notes (differences from the classic Consumption plan):
// - the runtime and its version live in functionAppConfig.runtime; the app settings
//   FUNCTIONS_WORKER_RUNTIME, FUNCTIONS_EXTENSION_VERSION, WEBSITE_NODE_DEFAULT_VERSION,
//   WEBSITE_RUN_FROM_PACKAGE and WEBSITE_CONTENT* are not allowed and must not be added;
// - code is deployed as a zip into the blob container in functionAppConfig.deployment ("one deploy",
//   /api/publish); the older /api/zipdeploy endpoint is not supported (see docs/deploy.md).

param location string
param tags object
param planName string
param functionAppName string

@description('Storage account for AzureWebJobsStorage (identity-based).')
param storageAccountName string

@description('https://<account>.blob.core.windows.net/<container> for the deployment package.')
param deploymentContainerUrl string

@description('Resource id of the bot\'s user-assigned managed identity.')
param botIdentityResourceId string

@description('Origins allowed to call the API from a browser (the tab host).')
param allowedOrigins array

@description('Application settings (name -> value) added to the platform settings below.')
param appSettings object

@allowed([
  '20'
  '22'
])
@description('Node.js major version. The repo targets Node 20; move to 22 before Node 20 leaves Azure Functions support.')
param nodeVersion string = '20'

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

param maximumInstanceCount int = 100

@minValue(0)
param alwaysReadyHttpInstances int = 1

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

var platformSettings = {
  // Host storage through the system-assigned identity (no connection string, no key).
  AzureWebJobsStorage__accountName: storageAccountName
}

var allSettings = union(platformSettings, appSettings)

// 'http' is the function group that covers every HTTP trigger (API, /api/messages).
var alwaysReady = alwaysReadyHttpInstances > 0 ? [
  {
    name: 'http'
    instanceCount: alwaysReadyHttpInstances
  }
] : []

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: functionAppName
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'SystemAssigned, UserAssigned'
    userAssignedIdentities: {
      '${botIdentityResourceId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Key Vault references resolve with the system-assigned identity (the default; stated for clarity).
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'SystemAssignedIdentity'
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReady
      }
      runtime: {
        name: 'node'
        version: nodeVersion
      }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      cors: {
        allowedOrigins: allowedOrigins
        // The tab sends a bearer token, never cookies.
        supportCredentials: false
      }
      appSettings: [
        for setting in items(allSettings): {
          name: setting.key
          value: setting.value
        }
      ]
    }
  }
}

// No FTP and no basic-auth (publishing password) deployments: deployment tools authenticate with Entra.
resource ftpPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPolicy 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: site
  name: 'scm'
  properties: {
    allow: false
  }
}

output resourceId string = site.id
output name string = site.name
output hostName string = site.properties.defaultHostName
output endpoint string = 'https://${site.properties.defaultHostName}'
output principalId string = site.identity.principalId
