import { configure } from '@testing-library/dom';

// teams-js reads globalThis.fetch at import time; jsdom has none. Node tests keep Node's real fetch.
if (typeof globalThis.fetch !== 'function') {
  globalThis.fetch = (() => Promise.reject(new Error('fetch is not available in jsdom tests'))) as typeof fetch;
}

// Shared 2-core machines are slow at times (CI runs the tiers side by side): give Testing Library's async
// queries (findBy*, waitFor) 5 s instead of 1 s before a jsdom test fails.
configure({ asyncUtilTimeout: 5000 });
