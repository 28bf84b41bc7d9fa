// Azure Cosmos DB for NoSQL, serverless, Entra-only (keys disabled).
// The database and containers come from infra/containers.json (loaded in main.bicep), so the local
// scripts and production create the same containers with the same partition keys.

param location string
param tags object
param accountName string
param databaseName string

@description('[{ id, partitionKeyPaths: string[], defaultTtl?: int, compositeIndexes?: [...] }] from infra/containers.json.')
param containers array

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    // Serverless: pay per request unit, no provisioned throughput (so no throughput options below).
    capabilities: [
      {
        name: 'EnableServerless'
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    // Only Entra identities with a Cosmos DB data-plane role can read or write data.
    disableLocalAuth: true
    // With local auth off, control-plane changes (databases, containers, throughput) go through ARM
    // only, i.e. through this template, never through the SDK.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-05-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource sqlContainers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-05-15' = [
  for container in containers: {
    parent: database
    name: container.id
    properties: {
      resource: {
        id: container.id
        partitionKey: {
          paths: container.partitionKeyPaths
          // More than one path is a hierarchical partition key, which needs MultiHash (version 2).
          kind: length(container.partitionKeyPaths) > 1 ? 'MultiHash' : 'Hash'
          version: 2
        }
        // -1: documents expire only when they carry their own `ttl` (finished deliveries, docs/adr/0006).
        defaultTtl: contains(container, 'defaultTtl') ? container.defaultTtl : null
        // Composite indexes for queries that filter on some fields and order by another (the due deliveries).
        indexingPolicy: contains(container, 'compositeIndexes')
          ? {
              indexingMode: 'consistent'
              automatic: true
              includedPaths: [
                {
                  path: '/*'
                }
              ]
              excludedPaths: [
                {
                  path: '/"_etag"/?'
                }
              ]
              compositeIndexes: container.compositeIndexes
            }
          : null
      }
    }
  }
]

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
