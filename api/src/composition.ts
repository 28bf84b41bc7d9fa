import { randomUUID } from 'node:crypto';
import { systemClock, type Clock, type CohortDeps, type IdGenerator } from '@peerloop/core';
import { BotEndpoint, PeerLoopBot } from '@peerloop/bot';
import { Authenticator } from './auth/authenticator.js';
import type { Config } from './config.js';
import { containersOf, createCosmosClient, type CosmosClient } from './data/cosmos.js';
import { CosmosCohortRepository } from './data/cosmos-cohort-repository.js';
import { CosmosPersonRepository } from './data/cosmos-person-repository.js';
import { CosmosProgramRepository } from './data/cosmos-program-repository.js';
import { CosmosSessionRepository } from './data/cosmos-session-repository.js';

/** Everything a request needs, built once per process from validated configuration. */
export interface Runtime extends CohortDeps {
  readonly config: Config;
  readonly cosmos: CosmosClient;
  readonly authenticator: Authenticator;
  readonly bot: BotEndpoint;
}

export interface RuntimeOverrides {
  readonly clock?: Clock;
  readonly ids?: IdGenerator;
  readonly cosmos?: CosmosClient;
}

const uuidIds: IdGenerator = { newId: () => randomUUID() };

/** The composition root: the only place that knows which implementation serves which port. */
export function buildRuntime(config: Config, overrides: RuntimeOverrides = {}): Runtime {
  const allowedTenants = new Set(config.auth.allowedTenantIds);
  const authenticator = new Authenticator(config.auth, config.devMode ? { tenantId: config.devTenantId } : null);
  const cosmos = overrides.cosmos ?? createCosmosClient(config.cosmos);
  const containers = containersOf(cosmos.database(config.cosmos.database));
  const deps: CohortDeps = {
    cohorts: new CosmosCohortRepository(containers.cohorts),
    programs: new CosmosProgramRepository(containers.programs),
    people: new CosmosPersonRepository(containers.people),
    sessions: new CosmosSessionRepository(containers.sessions),
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? uuidIds,
  };
  try {
    const bot = new PeerLoopBot({ ...deps, isTenantAllowed: (tenantId) => allowedTenants.has(tenantId) });
    const botEndpoint = new BotEndpoint(config.bot, bot, (message, error) => console.error(`[bot] ${message}`, error));
    return { ...deps, config, cosmos, authenticator, bot: botEndpoint };
  } catch (error) {
    cosmos.dispose();
    throw error;
  }
}
