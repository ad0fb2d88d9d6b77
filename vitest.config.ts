// Two test projects: `workers` runs inside workerd with the real bindings and migrations;
// `node` drives `wrangler dev`, the mock upstream, the SDKs and Chromium from outside.
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';

const migrations = await readD1Migrations(path.join(import.meta.dirname, 'migrations'));

export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(({ inject }) => ({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: migrations,
                MOCK_UPSTREAM_URL: inject('mockUpstreamUrl'),
                ENCRYPTION_KEY: 'dGVzdC1lbmNyeXB0aW9uLWtleS0zMi1ieXRlcy0hISE=',
                ALLOW_PRIVATE_IP_PROVIDER: 'true',
                ADMIN_AUTH_DISABLED: 'true',
                RETRY_DELAY_MS: '10',
                CONFIG_CACHE_TTL_MS: '0',
                INFLIGHT_SYNC_MS: '100',
              },
            },
          })),
        ],
        test: {
          name: 'workers',
          include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
          setupFiles: ['./test/integration/apply-migrations.ts'],
          globalSetup: ['./test/integration/global-setup.ts'],
        },
      },
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts', 'test/tooling/**/*.test.ts'],
          globalSetup: ['./test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
