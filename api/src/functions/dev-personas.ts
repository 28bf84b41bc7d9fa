import { NotFound } from '@peerloop/core';
import { json } from '../http/respond.js';
import { publicRoute } from '../http/route.js';

/** The persona picker's list: exists only in dev mode (404 otherwise, as if there were no such route). */
export const devPersonas = publicRoute('dev-personas', ['GET'], 'dev/personas', async ({ runtime }) => {
  if (!runtime.config.devMode) throw new NotFound('route');
  const people = await runtime.people.list(runtime.config.devTenantId);
  return json(200, { personas: people.map((p) => ({ userId: p.id, displayName: p.displayName, title: p.title })) });
});
