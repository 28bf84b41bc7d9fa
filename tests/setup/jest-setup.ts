// teams-js reads globalThis.fetch at import time; jsdom has none. Node tests keep Node's real fetch.
if (typeof globalThis.fetch !== 'function') {
  globalThis.fetch = (() => Promise.reject(new Error('fetch is not available in jsdom tests'))) as typeof fetch;
}
