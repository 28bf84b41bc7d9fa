import { app } from '@azure/functions';
import { buildRuntime, type Runtime } from '../composition.js';
import { loadConfig } from '../config.js';
import { timers } from './reminders.js';
import { routes } from './routes.js';

// Entry point for the Azure Functions host (package.json "main"). Configuration is read and validated on the
// first request, so a bad setting fails loudly in the log rather than crashing the host's indexing.
let runtime: Runtime | undefined;
const getRuntime = (): Runtime => (runtime ??= buildRuntime(loadConfig(process.env)));

for (const definition of routes) {
  app.http(definition.name, {
    methods: [...definition.methods],
    route: definition.route,
    authLevel: 'anonymous',
    handler: (request, context) => definition.handle(request, context, getRuntime()),
  });
}

for (const timer of timers) {
  app.timer(timer.name, {
    schedule: timer.schedule,
    runOnStartup: false,
    // The host keeps the schedule's state in storage and runs a tick that was missed (isPastDue) on start.
    useMonitor: true,
    handler: (_timer, context) => timer.handle(context, getRuntime()),
  });
}
