// `npm run package:api`: stages the Function App as Azure runs it (docs/deploy.md, "The API deployment
// artifact"): .deployment/api with host.json, package.json, dist/ and production node_modules, where the
// workspace packages @peerloop/core and @peerloop/bot are real folders; then .deployment/api.zip.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const out = join(root, '.deployment');
const app = join(out, 'api');
const run = (command, args, cwd = root) => execFileSync(command, args, { cwd, stdio: 'inherit' });

run('npm', ['run', 'build', '--silent']);
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'packs'), { recursive: true });

// The workspace packages, packed as npm would publish them (package.json + dist/).
run('npm', ['pack', '-w', 'core', '-w', 'bot', '--pack-destination', join(out, 'packs'), '--silent']);
const packs = Object.fromEntries(
  readdirSync(join(out, 'packs')).map((file) => [
    file.startsWith('peerloop-core') ? '@peerloop/core' : '@peerloop/bot',
    `file:../packs/${file}`,
  ]),
);

// Compiled handlers only: api/dist/local (the local host and embedded store) never runs on Azure.
cpSync(join(root, 'api', 'dist'), join(app, 'dist'), {
  recursive: true,
  filter: (source) => !source.includes(`${join('dist', 'local')}`) && !source.endsWith('.tsbuildinfo'),
});
cpSync(join(root, 'api', 'host.json'), join(app, 'host.json'));

const apiPackage = JSON.parse(readFileSync(join(root, 'api', 'package.json'), 'utf8'));
const dependencies = { ...apiPackage.dependencies, ...packs };
writeFileSync(
  join(app, 'package.json'),
  JSON.stringify(
    {
      name: apiPackage.name,
      version: apiPackage.version,
      private: true,
      type: 'module',
      main: apiPackage.main,
      dependencies,
      overrides: packs,
    },
    null,
    2,
  ),
);
run(
  'npm',
  ['install', '--omit=dev', '--ignore-scripts', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error'],
  app,
);

// Smoke test: the entry point loads and registers its functions.
run(
  process.execPath,
  ['-e', "import('./dist/functions/index.js').then(() => console.log('[package:api] entry point loads'))"],
  app,
);

const zip = join(out, 'api.zip');
if (existsSync('/usr/bin/zip')) run('zip', ['-qr', zip, '.'], app);
else run('python3', ['-m', 'zipfile', '-c', zip, ...readdirSync(app)], app);
console.log(`[package:api] ${zip}`);
