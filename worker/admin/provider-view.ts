// Owns how a provider row is shown by the admin API: secrets (key, extra header values) decrypted only to be masked.
import { decryptProviderHeaders, decryptProviderKey } from '../config/provider-secrets';
import type { ProviderRow } from '../db/schema';
import { maskSecret } from '../lib/mask';
import { iso } from './http';

const UNDECRYPTABLE = '(undecryptable: re-enter the value)';

/** Every extra header value masked, as the API key is: they are where custom auth schemes put secrets. */
async function maskedHeaders(
  encryptionKey: string,
  row: ProviderRow,
): Promise<Record<string, string> | null> {
  if (!row.extraHeaders) return null;
  try {
    const clear = await decryptProviderHeaders(encryptionKey, row);
    return Object.fromEntries(Object.entries(clear).map(([k, v]) => [k, maskSecret(v)]));
  } catch {
    return Object.fromEntries(Object.keys(row.extraHeaders).map((k) => [k, UNDECRYPTABLE]));
  }
}

export async function providerView(encryptionKey: string, row: ProviderRow) {
  let apiKey: string | null = null;
  if (row.apiKey) {
    try {
      apiKey = maskSecret((await decryptProviderKey(encryptionKey, row)) ?? '');
    } catch {
      apiKey = UNDECRYPTABLE;
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
    extra_headers: await maskedHeaders(encryptionKey, row),
    provider_options: row.providerOptions ?? {},
    response_timeout_seconds: row.responseTimeoutSeconds,
    is_active: row.isActive,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
