// Owns how a provider row is shown by the admin API: key decrypted only to be masked, secret headers masked.

import { decryptProviderKey } from '../config/provider-secrets';
import type { ProviderRow } from '../db/schema';
import { isSensitiveHeader, maskSecret } from '../lib/mask';
import { iso } from './http';

export function maskHeaders(headers: Record<string, string> | null): Record<string, string> | null {
  if (!headers) return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) out[k] = isSensitiveHeader(k) ? maskSecret(v) : v;
  return out;
}

export async function providerView(encryptionKey: string, row: ProviderRow) {
  let apiKey: string | null = null;
  if (row.apiKey) {
    try {
      apiKey = maskSecret((await decryptProviderKey(encryptionKey, row)) ?? '');
    } catch {
      apiKey = '(undecryptable: re-enter the key)';
    }
  }
  return {
    id: row.id,
    name: row.name,
    remark: row.remark,
    base_url: row.baseUrl,
    protocol: row.protocol,
    api_key: apiKey,
    has_api_key: row.apiKey !== null,
    extra_headers: maskHeaders(row.extraHeaders),
    provider_options: row.providerOptions ?? {},
    response_timeout_seconds: row.responseTimeoutSeconds,
    is_active: row.isActive,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
