import { json } from '../http/respond.js';
import { publicRoute } from '../http/route.js';

/** Liveness for the platform and for `npm start`'s readiness check; says nothing about data. */
export const health = publicRoute('health', ['GET'], 'health', async () => json(200, { status: 'ok' }));
