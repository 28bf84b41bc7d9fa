import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError } from '../config.js';
import { demoPeople } from './demo-data.js';
import { startLocalStack } from './stack.js';
import { saveSnapshot } from '../data/store-snapshot.js';

// `npm start`: PeerLoop on this machine, on loopback, in dev mode, with demo data that survives restarts.
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = join(repoRoot, '.data');
const snapshotFile = join(dataDir, 'cosmos-snapshot.json');
const PLAYGROUND_PORT = Number(process.env.PLAYGROUND_PORT ?? 56150);

let stopping = false;

const env = {
  PEERLOOP_ENV: 'development',
  PEERLOOP_DEV_MODE: 'true',
  HOST: '127.0.0.1',
  PORT: '3978',
  ...process.env,
};

async function main(): Promise<void> {
  const staticDir = join(repoRoot, 'tabs', 'dist');
  const stack = await startLocalStack({
    repoRoot,
    env,
    ...(existsSync(staticDir) ? { staticDir } : {}),
    storePort: Number(process.env.COSMOS_PORT ?? 8081),
    snapshotFile,
    seed: true,
  });
  const database = stack.runtime.cosmos.database(stack.config.cosmos.database);

  // Persist the in-memory store through the SDK whenever something changed, and once more on the way out.
  let savedAt = -1;
  const persist = async () => {
    if (!stack.store || stack.store.requestCount() === savedAt) return;
    await saveSnapshot(database, stack.containers.containers, snapshotFile);
    savedAt = stack.store.requestCount();
  };
  const timer = setInterval(
    () => void persist().catch((e: unknown) => console.error('[store] snapshot failed', e)),
    5000,
  );

  const botEndpoint = `${stack.host.url}/api/messages`;
  const playground = await startPlayground(botEndpoint, stack.config.devTenantId);

  console.log(`
PeerLoop is running (dev mode, loopback only). Ctrl-C stops everything.
  Tab (browser mode, persona picker)  ${stack.host.url}/
  API                                 ${stack.host.url}/api/health
  Bot endpoint                        ${botEndpoint}
  Agents Playground (chat with bot)   ${playground ? `http://127.0.0.1:${PLAYGROUND_PORT}` : 'not started'}
  Cosmos store                        ${stack.store ? `${stack.store.endpoint} (embedded, saved to .data/)` : stack.config.cosmos.endpoint}
`);

  const stop = async () => {
    if (stopping) return;
    stopping = true;
    clearInterval(timer);
    playground?.kill('SIGTERM');
    await persist().catch((e: unknown) => console.error('[store] final snapshot failed', e));
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

/** The Microsoft 365 Agents Playground, chatting as a demo person of the dev tenant. */
async function startPlayground(botEndpoint: string, tenantId: string): Promise<ChildProcess | undefined> {
  if (process.env.PLAYGROUND === 'off') return undefined;
  const cli = join(repoRoot, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  if (!existsSync(cli)) return undefined;
  const folder = join(dataDir, 'playground');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, '.m365agentsplayground.yml'), playgroundConfig(tenantId));
  const log = openSync(join(folder, 'playground.log'), 'w');
  const child = spawn(
    process.execPath,
    [cli, '-e', botEndpoint, '-c', 'msteams', '-p', String(PLAYGROUND_PORT), '--dt'],
    { cwd: folder, stdio: ['ignore', log, log], env: { ...process.env, BROWSER: 'none' } },
  );
  child.on('exit', (code, signal) => {
    if (code) console.error(`[playground] exited with code ${code}; see .data/playground/playground.log`);
    else if (signal && !stopping) console.error(`[playground] stopped by ${signal}`);
  });
  return child;
}

function playgroundConfig(tenantId: string): string {
  const [current, ...others] = demoPeople(tenantId).slice(0, 6);
  const user = (p: NonNullable<typeof current>, index: number) =>
    [
      `  id: user-${index}`,
      `  name: ${p.displayName}`,
      `  userPrincipleName: ${p.email}`,
      `  aadObjectId: ${p.id}`,
      `  givenName: ${p.displayName.split(' ')[0]}`,
      `  surname: ${p.displayName.split(' ')[1]}`,
      `  email: ${p.email}`,
    ].join('\n');
  return [
    "# Written by npm start: the Playground chats as people of PeerLoop's demo tenant.",
    'version: "0.1.1"',
    `tenantId: ${tenantId}`,
    'bot:',
    '  id: peerloop-local-bot',
    '  name: PeerLoop',
    'currentUser:',
    user(current!, 0),
    'users:',
    ...others.map((p, i) =>
      user(p, i + 1)
        .split('\n')
        .map((line, n) => (n === 0 ? `  -${line.slice(1)}` : `  ${line}`))
        .join('\n'),
    ),
    'personalChat:',
    '  id: peerloop-personal-chat',
    'groupChat:',
    '  id: peerloop-group-chat',
    '  name: Admin Community chat',
    'team:',
    '  id: peerloop-team',
    '  name: Admin Community',
    '  aadGroupId: peerloop-team-group',
    '  channels:',
    '    - id: peerloop-general',
    '      name: General',
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
