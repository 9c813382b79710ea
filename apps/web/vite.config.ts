import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API server serves dist/ at `/`; in `vite dev` the API is proxied so the same relative URLs work.
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 800 },
  server: { proxy: { '/api': process.env.WARDEN_API ?? 'http://127.0.0.1:8080' } },
});
