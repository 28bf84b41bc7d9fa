// `npm run bench` runs every benchmark; `npm run bench -- <name>` runs one. Each prints one line
// `BENCH {"name": ...}` with its figures, measured against a baseline taken in the same run.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const build = spawnSync(npm, ['exec', '--', 'tsc', '-b'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const available = readdirSync('bench/src')
  .filter((file) => file.endsWith('.ts') && !['measure.ts', 'bench-stack.ts'].includes(file))
  .map((file) => file.replace(/\.ts$/, ''));
const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !available.includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${available.join(', ')}`);
  process.exit(2);
}
let failed = false;
for (const name of wanted.length > 0 ? wanted : available) {
  const result = spawnSync(process.execPath, [`bench/dist/${name}.js`], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exit(failed ? 1 : 0);
