import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/stack';

// The compiled app under Node's own ESM loader, exactly as `npm start` runs it (jest's CommonJS transform
// hides ESM-only import problems, so this runs api/dist, not the sources).
describe('npm start (compiled, real Node ESM)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'peerloop-start-'));
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts on loopback, serves the API and the calendar, and saves the store on Ctrl-C', async () => {
    const main = join(REPO_ROOT, 'api', 'dist', 'local', 'main.js');
    if (!existsSync(main)) throw new Error('api/dist is missing: run `npm run build` first');
    child = spawn(process.execPath, [main], {
      env: { ...process.env, PORT: '0', COSMOS_PORT: '0', PLAYGROUND: 'off', PEERLOOP_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (!/API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/health/.test(output)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`npm start did not come up:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const base = /API\s+(http:\/\/127\.0\.0\.1:\d+)\/api\/health/.exec(output)![1]!;
    expect((await fetch(`${base}/api/health`)).status).toBe(200);

    const headers = { authorization: 'Bearer dev:fatima-okafor', 'content-type': 'application/json' };
    const scheduled = await fetch(`${base}/api/sessions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        cohortId: 'new-admins-circle',
        kind: 'learning-lunch',
        title: 'Weekly lunch from the compiled app',
        startLocal: '2030-01-07T12:00',
        timeZone: 'Europe/London',
        durationMinutes: 45,
        recurrence: { frequency: 'weekly', count: 3 },
      }),
    });
    expect(scheduled.status).toBe(201);
    expect(((await scheduled.json()) as { created: number }).created).toBe(3);

    const exited = new Promise<number | null>((resolve) => child!.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    const snapshot = JSON.parse(readFileSync(join(dataDir, 'cosmos-snapshot.json'), 'utf8')) as {
      sessions: { title: string }[];
    };
    expect(snapshot.sessions.filter((s) => s.title === 'Weekly lunch from the compiled app')).toHaveLength(3);
  });
});
