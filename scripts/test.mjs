// `npm test`: everything CI runs, in order, ending with one closing line "tests: N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';

const started = Date.now();
const step = (label, command, args) => {
  console.log(`\n[test] ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', shell: false });
  if (result.status !== 0) {
    console.error(`[test] ${label} failed`);
    return false;
  }
  return true;
};

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const ok =
  step('browser', process.execPath, ['scripts/ensure-chromium.mjs']) &&
  step('build', npm, ['run', 'build', '--silent']) &&
  step('typecheck', npm, ['run', 'typecheck', '--silent']) &&
  step('lint', npm, ['run', 'lint', '--silent']);

let passed = 0;
let failed = 0;
let jestOk = false;
if (ok) {
  mkdirSync('.tmp', { recursive: true });
  jestOk = step('jest (unit, integration, e2e)', process.execPath, [
    'node_modules/jest/bin/jest.js',
    '--maxWorkers=2',
    '--json',
    '--outputFile=.tmp/jest-results.json',
  ]);
  try {
    const results = JSON.parse(readFileSync('.tmp/jest-results.json', 'utf8'));
    passed = results.numPassedTests;
    failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
  } catch {
    failed += 1;
  }
}
console.log(`\n[test] finished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`tests: ${passed} passed, ${ok && jestOk ? failed : Math.max(failed, 1)} failed`);
process.exit(ok && jestOk && failed === 0 && passed > 0 ? 0 : 1);
