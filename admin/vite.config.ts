import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// The console is served by Fastify at /admin (SPA fallback server-side); in dev, Vite proxies /api.
export default defineConfig({
  root,
  base: '/admin/',
  plugins: [react()],
  // The API contract lives outside the console's root; `@contract/x` resolves to contract/x.ts.
  resolve: { alias: { '@contract': fileURLToPath(new URL('../contract', import.meta.url)) } },
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: fileURLToPath(new URL('../dist/admin', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Vite 8 bundles with Rolldown: `codeSplitting.groups` is the successor of Rollup's manualChunks.
    // React and antd change rarely, so they get long-lived vendor chunks apart from our own code.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 20 },
            {
              name: 'vendor-antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|dayjs|@emotion|stylis|classnames|clsx)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
