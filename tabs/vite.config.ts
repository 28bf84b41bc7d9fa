import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The tab is one page; the API is same-origin, so the dev server forwards /api to the local API host. */
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://127.0.0.1:3978' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // scripts/report-size.mjs reads it to sum each surface's initial JavaScript.
    manifest: true,
  },
});
