import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The Go server to proxy API calls to during `npm run dev`.
const api = process.env.GUANXI_API ?? 'http://127.0.0.1:8091';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    // dist/.keep is committed so the Go embed always compiles;
    // scripts/clean-dist.mjs empties the rest before each build.
    emptyOutDir: false,
    chunkSizeWarningLimit: 2500,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
    },
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
