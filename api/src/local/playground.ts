import { spawn } from 'node:child_process';
import { existsSync, openSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { demoPeople } from './demo-data.js';

export interface Playground {
  readonly url: string;
  stop(): void;
}

export interface PlaygroundOptions {
  readonly repoRoot: string;
  /** Working folder: the Playground reads its config file from here and logs here. */
  readonly folder: string;
  readonly botEndpoint: string;
  readonly tenantId: string;
  readonly port: number;
  /** Which demo person chats (index into the demo people). */
  readonly currentUser?: number;
}

/**
 * Starts the Microsoft 365 Agents Playground (a Teams-like chat client) pointed at the bot, chatting as a
 * person of PeerLoop's demo tenant, and resolves once it listens.
 */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground | undefined> {
  const cli = join(options.repoRoot, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  if (!existsSync(cli)) return undefined;
  await mkdir(options.folder, { recursive: true });
  await writeFile(
    join(options.folder, '.m365agentsplayground.yml'),
    playgroundConfig(options.tenantId, options.currentUser ?? 0),
  );
  const logFile = join(options.folder, 'playground.log');
  const log = openSync(logFile, 'w');
  const child = spawn(
    process.execPath,
    [cli, '-e', options.botEndpoint, '-c', 'msteams', '-p', String(options.port), '--dt'],
    { cwd: options.folder, stdio: ['ignore', log, log], env: { ...process.env, BROWSER: 'none' } },
  );
  let stopped = false;
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then((code) => {
    if (!stopped && code) console.error(`[playground] exited with code ${code}; see ${logFile}`);
  });
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const up = await fetch(url).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    stop: () => {
      stopped = true;
      child.kill('SIGTERM');
    },
  };
}

function playgroundConfig(tenantId: string, currentUser: number): string {
  const people = demoPeople(tenantId).slice(0, 6);
  const [current] = people.splice(currentUser, 1);
  const user = (p: NonNullable<typeof current>, index: number) => [
    `id: user-${index}`,
    `name: ${p.displayName}`,
    `userPrincipleName: ${p.email}`,
    `aadObjectId: ${p.id}`,
    `givenName: ${p.displayName.split(' ')[0]}`,
    `surname: ${p.displayName.split(' ')[1]}`,
    `email: ${p.email}`,
  ];
  return [
    "# Written by PeerLoop's local start: the Playground chats as people of the demo tenant.",
    'version: "0.1.1"',
    `tenantId: ${tenantId}`,
    'bot:',
    '  id: peerloop-local-bot',
    '  name: PeerLoop',
    'currentUser:',
    ...user(current!, 0).map((line) => `  ${line}`),
    'users:',
    ...people.flatMap((p, i) => user(p, i + 1).map((line, n) => (n === 0 ? `  - ${line}` : `    ${line}`))),
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
