// Tab hosting: Azure Static Web Apps, Free plan.
//
// Why Static Web Apps rather than a storage account's static website:
// - it can set response headers (staticwebapp.config.json in tabs/dist), which a Teams tab needs:
//   Content-Security-Policy frame-ancestors for the Teams, Outlook and Microsoft 365 hosts, and caching
//   rules for hashed assets; a storage static website cannot set any header;
// - HTTPS on its own *.azurestaticapps.net host name with a managed certificate, a global edge, and
//   SPA fallback routing, all on the Free plan;
// - it is an ARM resource end to end (no data-plane "enable static website" step), and the Toolkit
//   has a driver for its deployment token (azureStaticWebApps/getDeploymentToken).
// The Free plan has no SLA and caps the app at 250 MB, which a static tab bundle is far below.

param location string
param tags object
param staticWebAppName string

resource staticWebApp 'Microsoft.Web/staticSites@2024-04-01' = {
  name: staticWebAppName
  location: location
  tags: tags
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    // Content is pushed with a deployment token (swa deploy), not pulled from a repository.
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output resourceId string = staticWebApp.id
output hostName string = staticWebApp.properties.defaultHostname
output endpoint string = 'https://${staticWebApp.properties.defaultHostname}'
