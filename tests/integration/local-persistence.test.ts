import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveSnapshot } from '../../api/src/data/store-snapshot';
import { startLocalStack } from '../../api/src/local/stack';
import { api, REPO_ROOT } from '../support/stack';

const env = { PEERLOOP_ENV: 'development', PEERLOOP_DEV_MODE: 'true', HOST: '127.0.0.1', PORT: '0' };

describe('npm start keeps local data across restarts', () => {
  const folder = mkdtempSync(join(tmpdir(), 'peerloop-snapshot-'));
  const snapshotFile = join(folder, 'cosmos-snapshot.json');
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('restores a cohort created before the restart, and seeding does not overwrite it', async () => {
    const first = await startLocalStack({ repoRoot: REPO_ROOT, env, snapshotFile, seed: true });
    let id: string;
    try {
      const created = await api(first, '/api/cohorts', {
        method: 'POST',
        token: 'dev:avery-chen',
        body: { programId: 'admin-community', name: 'Survives Restarts', purpose: 'p', facilitatorId: 'lee-kim' },
      });
      expect(created.status).toBe(201);
      id = created.body.id;
      const database = first.runtime.cosmos.database(first.config.cosmos.database);
      await saveSnapshot(database, first.containers.containers, snapshotFile);
    } finally {
      await first.close();
    }

    const second = await startLocalStack({ repoRoot: REPO_ROOT, env, snapshotFile, seed: true });
    try {
      const { body } = await api(second, '/api/cohorts', { token: 'dev:avery-chen' });
      const names = body.items.map((c: { name: string }) => c.name);
      expect(names).toContain('Survives Restarts');
      expect(names.filter((n: string) => n === 'New Admins Circle')).toHaveLength(1);
      expect(body.items.find((c: { id: string }) => c.id === id).facilitators[0].displayName).toBe('Lee Kim');
    } finally {
      await second.close();
    }
  });
});
