import { readFileSync } from 'node:fs';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const { TAB_PORT, SSL_CRT_FILE, SSL_KEY_FILE, API_PROXY_TARGET } = process.env;

/**
 * The tab is one page. The dev server forwards /api to the local API host; under Teams local debug
 * (teamsapp.local.yml) it serves HTTPS with the Toolkit's dev certificate on the port Teams loads.
 */
export default defineConfig({
  plugins: [react()],
  server: {
    port: TAB_PORT ? Number(TAB_PORT) : 5173,
    strictPort: TAB_PORT !== undefined,
    https:
      SSL_CRT_FILE && SSL_KEY_FILE ? { cert: readFileSync(SSL_CRT_FILE), key: readFileSync(SSL_KEY_FILE) } : undefined,
    proxy: { '/api': API_PROXY_TARGET || 'http://127.0.0.1:3978' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // scripts/report-size.mjs reads it to sum each surface's initial JavaScript.
    manifest: true,
  },
});
