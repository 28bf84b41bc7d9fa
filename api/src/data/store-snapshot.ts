import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Database } from '@azure/cosmos';
import { withoutSystemProperties, type ContainerDefinition } from './cosmos.js';

type Snapshot = Record<string, Record<string, unknown>[]>;

/**
 * The embedded store keeps data in memory; locally it is persisted to a JSON file through the SDK, so the
 * same reads and writes the app uses are what fill and restore it.
 */
export async function saveSnapshot(database: Database, definitions: readonly ContainerDefinition[], file: string) {
  const snapshot: Snapshot = {};
  for (const { id } of definitions) {
    const { resources } = await database
      .container(id)
      .items.query<Record<string, unknown>>('SELECT * FROM c')
      .fetchAll();
    snapshot[id] = resources.map(withoutSystemProperties);
  }
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp`;
  await writeFile(temporary, JSON.stringify(snapshot));
  await rename(temporary, file);
}

/** Restores a snapshot written by saveSnapshot; returns how many documents were restored (0: no file). */
export async function restoreSnapshot(database: Database, file: string): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return 0;
  }
  const snapshot = JSON.parse(text) as Snapshot;
  let restored = 0;
  for (const [containerId, documents] of Object.entries(snapshot)) {
    const container = database.container(containerId);
    for (const document of documents) {
      await container.items.upsert(document);
      restored += 1;
    }
  }
  return restored;
}
