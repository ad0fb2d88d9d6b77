// Types the bindings the test runner adds on top of the Worker's own, and the main module's exports.
import type { D1Migration } from 'cloudflare:test';
import type { Env as WorkerEnv } from '../worker/env';

declare global {
  namespace Cloudflare {
    interface Env extends WorkerEnv {
      TEST_MIGRATIONS: D1Migration[];
      MOCK_UPSTREAM_URL: string;
    }
    interface GlobalProps {
      mainModule: typeof import('../worker/index');
      durableNamespaces: 'ModelBalancer' | 'AdminGuard' | 'InFlightRegistry' | 'Limiter';
    }
  }
}
