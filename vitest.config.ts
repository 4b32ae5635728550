import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Unit, repository and HTTP tests run in Node; admin component tests in happy-dom; browser journeys in
// Chromium, each file with its own server and browser, so they share the workers with the rest.
export default defineConfig({
  // Same alias as admin/vite.config.ts: console code imports the API contract as `@contract/x`.
  resolve: { alias: { '@contract': fileURLToPath(new URL('./contract', import.meta.url)) } },
  test: {
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: ONE worker on a 2-core CI machine, with the
    // other core idle whenever a test waits for PostgreSQL, Chromium or a protocol peer (decision 0009).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: [
            'server/**/*.test.{ts,tsx}',
            'contract/**/*.test.ts',
            'test/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          environment: 'node',
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'admin',
          include: ['admin/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          globalSetup: ['test/global-setup.ts'],
        },
      },
    ],
  },
});
