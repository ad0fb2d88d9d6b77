// Builds the dashboard SPA into dashboard/dist, which the Worker serves as static assets.
import path from 'node:path';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, loadEnv } from 'vite';
import { securityHeaders } from './security-headers';

const src = path.join(import.meta.dirname, 'src');

export default defineConfig(({ mode }) => ({
  root: import.meta.dirname,
  plugins: [
    tanstackRouter({
      target: 'react',
      routesDirectory: path.join(src, 'routes'),
      generatedRouteTree: path.join(src, 'route-tree.gen.ts'),
      quoteStyle: 'single',
      autoCodeSplitting: true,
    }),
    react(),
    securityHeaders(loadEnv(mode, import.meta.dirname, 'VITE_').VITE_API_BASE_URL),
  ],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': 'http://127.0.0.1:8787', '/v1': 'http://127.0.0.1:8787' } },
}));
