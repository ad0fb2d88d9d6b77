// Owns gateway-key authentication on /v1: `x-api-key` first, then `Authorization: Bearer`.
import { GatewayError } from '../errors';
import { sha256Hex, timingSafeEqualText } from '../lib/crypto';
import { type CacheDeps, findApiKey } from '../proxy/config-cache';

export interface GatewayKey {
  id: number;
  name: string;
  recordDetails: boolean;
  /** The presented key, kept only to mask it wherever it might be echoed. */
  secret: string;
}

/** The key a client presented, or null. A bare Authorization value (no Bearer) is accepted too. */
export function presentedKey(headers: Headers): string | null {
  const direct = headers.get('x-api-key')?.trim();
  if (direct) return direct;
  const auth = headers.get('authorization')?.trim();
  if (!auth) return null;
  return auth.replace(/^Bearer\s+/i, '').trim() || null;
}

/** Authenticates a request; unknown, disabled and expired keys are 401s with distinct codes. */
export async function authenticate(deps: CacheDeps, headers: Headers): Promise<GatewayKey> {
  const key = presentedKey(headers);
  if (!key)
    throw new GatewayError('invalid_api_key', 'API key is required (x-api-key or Authorization: Bearer)');
  const hash = await sha256Hex(key);
  let row = await findApiKey(deps, hash);
  // A key created moments ago in another isolate: check D1 once before refusing.
  if (!row) row = await findApiKey(deps, hash, { fresh: true });
  if (!row || !timingSafeEqualText(row.keyHash, hash))
    throw new GatewayError('invalid_api_key', 'Invalid API key');
  if (!row.isActive) throw new GatewayError('api_key_disabled', 'API key is disabled');
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) {
    throw new GatewayError('api_key_expired', 'API key has expired');
  }
  return { id: row.id, name: row.keyName, recordDetails: row.recordDetails, secret: key };
}
