// Sums the gzip size of the JavaScript each surface loads before it can show anything: the entry, the
// view's chunk and, outside Teams, the persona picker, each with the chunks they import statically.
// Chunks loaded later on demand (the "New cohort" form) are not counted. Fails above the budget.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const BUDGET = 150_000; // bytes, as `gzip -c file | wc -c` counts them
const dist = new URL('../dist/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('.vite/manifest.json', dist), 'utf8'));
const key = (src) => (src in manifest ? src : fail(`${src} is not in the build manifest`));
const entry = Object.keys(manifest).find((k) => manifest[k].isEntry);
const gzip = (file) => gzipSync(readFileSync(new URL(file, dist))).length;

function withStaticImports(start, seen = new Set()) {
  if (seen.has(start)) return seen;
  seen.add(start);
  for (const imported of manifest[start].imports ?? []) withStaticImports(imported, seen);
  return seen;
}

function fail(message) {
  console.error(message);
  process.exit(1);
}

let over = false;
for (const view of ['channel', 'personal', 'sidepanel', 'config']) {
  for (const host of ['teams', 'browser']) {
    const roots = [entry, key(`src/views/${view}-view.tsx`)];
    if (host === 'browser') roots.push(key('src/platform/browser-session.tsx'));
    const chunks = new Set(roots.flatMap((root) => [...withStaticImports(root)]));
    const bytes = [...chunks].reduce((sum, chunk) => sum + gzip(manifest[chunk].file), 0);
    over ||= bytes > BUDGET;
    console.log(
      `${view.padEnd(10)} ${host.padEnd(8)} ${(bytes / 1000).toFixed(1).padStart(6)} kB gzip (${chunks.size} chunks)`,
    );
  }
}
console.log(
  `entry alone: ${(gzip(manifest[entry].file) / 1000).toFixed(1)} kB gzip; budget ${BUDGET / 1000} kB per surface`,
);
if (over) fail('A surface is over its initial JavaScript budget.');
