// Owns reading a scope's usage from its limiter for the admin plane.
import { GatewayError } from '../errors';
import { withTimeout } from '../lib/timing';
import type { LimiterRpc, ScopeUsage } from './schemas';
import type { ScopeLimits } from './types';

const USAGE_TIMEOUT_MS = 5_000;

/** The usage of one scope as its limiter counts it; 503 when the limiter cannot be asked. */
export async function scopeUsage(
  binding: DurableObjectNamespace<LimiterRpc> | undefined,
  name: string,
  limits: ScopeLimits,
): Promise<ScopeUsage> {
  if (!binding) throw new GatewayError('limiter_unavailable', 'The LIMITER binding is not configured');
  try {
    const stub = binding.get(binding.idFromName(name));
    return await withTimeout(stub.usage(limits), USAGE_TIMEOUT_MS, 'the limiter did not answer');
  } catch (err) {
    throw new GatewayError('limiter_unavailable', 'The usage of this key cannot be read right now', {
      cause: err,
    });
  }
}
