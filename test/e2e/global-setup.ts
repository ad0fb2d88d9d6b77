// Starts the mock upstream and `wrangler dev` once for the end-to-end suite; tests get their URLs.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startMockUpstream } from '../mock-upstream/server.ts';
import { scanForSecrets } from './support/secret-scan.ts';
import { startWranglerDev } from './support/wrangler-dev.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    gatewayUrl: string;
    mockUrl: string;
    secretsFile: string;
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
  const gateway = await startWranglerDev(E2E_VARS, { keepState: true });
  const scratch = mkdtempSync(path.join(tmpdir(), 'gw-e2e-secrets-'));
  const secretsFile = path.join(scratch, 'secrets.txt');
  writeFileSync(secretsFile, '');
  project.provide('gatewayUrl', gateway.url);
  project.provide('mockUrl', mock.url);
  project.provide('secretsFile', secretsFile);
  return async () => {
    await gateway.stop();
    await mock.close();
    // After the whole suite: nothing the gateway persisted may hold a key or credential in clear.
    const planted = readFileSync(secretsFile, 'utf8').split('\n').filter(Boolean);
    const { scanned, bytes, leaks } = scanForSecrets(gateway.persistDir, planted);
    console.log(
      `secret scan: ${scanned} files, ${(bytes / 1048576).toFixed(1)} MiB, ${planted.length} planted secrets, ${leaks.length} leaks`,
    );
    rmSync(gateway.persistDir, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
    if (leaks.length > 0)
      throw new Error(`secrets found in persisted state: ${JSON.stringify(leaks.slice(0, 10))}`);
  };
}
