// Builds the dashboard SPA into dashboard/dist, which the Worker serves as static assets.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8787', '/v1': 'http://127.0.0.1:8787' } },
});
