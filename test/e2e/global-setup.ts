// Starts the mock upstream and `wrangler dev` once for the end-to-end suite; tests get their URLs.
import type { TestProject } from 'vitest/node';
import { startMockUpstream } from '../mock-upstream/server.ts';
import { startWranglerDev } from './support/wrangler-dev.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    mockUrl: string;
  }
}

/** Variables for the e2e gateway: local-development settings plus fast retries. */
export const E2E_VARS = {
  ENCRYPTION_KEY: 'ZTJlLWVuY3J5cHRpb24ta2V5LTMyLWJ5dGVzLW9rISE=',
  ALLOW_PRIVATE_IP_PROVIDER: 'true',
  ADMIN_AUTH_DISABLED: 'true',
  RETRY_DELAY_MS: '20',
  CONFIG_CACHE_TTL_MS: '0',
};

export default async function setup(project: TestProject) {
  const mock = await startMockUpstream({ host: '127.0.0.1' });
  const gateway = await startWranglerDev(E2E_VARS);
  project.provide('gatewayUrl', gateway.url);
  project.provide('mockUrl', mock.url);
  return async () => {
    await gateway.stop();
    await mock.close();
  };
}
