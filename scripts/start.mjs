// `npm start`: build what is stale (tsc -b is incremental; the tab builds in a few seconds), then run PeerLoop
// locally (api/src/local/main.ts). `npm run dev` also serves the tab from Vite's dev server with hot reload.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const dev = process.argv.includes('--dev');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const build = spawnSync(npm, ['run', 'build', '--silent'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

/**
 * Settings the Toolkit writes for local debugging in Teams (`atk deploy --env local` -> .localConfigs,
 * gitignored): SSO client id, bot credentials, the tab dev server's port and certificate. The process
 * environment wins over the file.
 */
function readLocalConfigs() {
  if (!existsSync('.localConfigs')) return {};
  const entries = readFileSync('.localConfigs', 'utf8')
    .split(/\r?\n/)
    .map((line) => /^\s*([A-Z0-9_]+)\s*=\s*(.*?)\s*$/.exec(line))
    .filter(Boolean)
    .map(([, key, value]) => [key, value.replace(/^"(.*)"$/, '$1')]);
  return Object.fromEntries(entries);
}

const env = { ...readLocalConfigs(), ...process.env };
const children = [spawn(process.execPath, ['api/dist/local/main.js'], { stdio: 'inherit', env })];
if (dev) {
  children.push(spawn(npm, ['run', 'dev', '-w', 'tabs', '--', '--host', '127.0.0.1'], { stdio: 'inherit', env }));
}

// Ctrl-C reaches every child through the terminal's process group; wait for all of them to finish saving.
let remaining = children.length;
let exitCode = 0;
for (const child of children) {
  child.on('exit', (code) => {
    exitCode ||= code ?? 0;
    remaining -= 1;
    if (remaining === 0) process.exit(exitCode);
    else if (code) for (const other of children) other.kill('SIGTERM');
  });
}
process.on('SIGINT', () => {});
process.on('SIGTERM', () => children.forEach((child) => child.kill('SIGTERM')));
