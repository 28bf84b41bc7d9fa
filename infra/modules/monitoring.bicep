// Log Analytics workspace + workspace-based Application Insights.
// Local (instrumentation-key) auth is disabled: the Function App sends telemetry with its managed
// identity (APPLICATIONINSIGHTS_AUTHENTICATION_STRING=Authorization=AAD and the Monitoring Metrics
// Publisher role, see roles.bicep).

param location string
param tags object
param logAnalyticsName string
param appInsightsName string

@description('Days of retention in Log Analytics (30 is included in the price).')
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: appInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output appInsightsName string = appInsights.name
output appInsightsResourceId string = appInsights.id
// A connection string identifies the component; it is not a credential once local auth is off.
output appInsightsConnectionString string = appInsights.properties.ConnectionString
