// Owns the provider connection test: listing the upstream's models with the provider's own credentials.

import { toProviderConfig } from '../config/load';
import type { ProviderSecrets } from '../config/provider-secrets';
import type { ProviderRow } from '../db/schema';
import { checkUpstreamUrl } from '../lib/url-guard';
import { sanitizerFor } from '../logging/sanitizer';
import { upstreamHeaders, upstreamUrl } from '../protocols/upstream';

function modelIds(body: unknown): string[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object'
      ? ((body as Record<string, unknown>).data ?? (body as Record<string, unknown>).models ?? [])
      : [];
  if (!Array.isArray(list)) return [];
  const ids = new Set<string>();
  for (const item of list) {
    if (typeof item === 'string') ids.add(item);
    else if (item && typeof item === 'object') {
      const rec = item as Record<string, unknown>;
      const id = rec.id ?? rec.model ?? rec.name;
      if (typeof id === 'string') ids.add(id.replace(/^models\//, ''));
    }
  }
  return [...ids];
}

export interface ModelListOptions {
  /** ALLOW_PRIVATE_IP_PROVIDER: the base URL is checked again when used, not only when saved. */
  allowPrivate: boolean;
  keyPrefix: string;
}

/** Calls `<base>/models`; answers with the ids or a structured error, never throws. */
export async function fetchProviderModels(
  row: ProviderRow,
  secrets: ProviderSecrets,
  opts: ModelListOptions,
) {
  const provider = toProviderConfig(row, secrets);
  const base = { provider_id: row.id, provider_name: row.name, protocol: row.protocol };
  const started = Date.now();
  const refused = checkUpstreamUrl(row.baseUrl, opts.allowPrivate);
  if (refused) {
    return {
      ...base,
      success: false,
      models: [],
      latency_ms: 0,
      error: { message: `The base URL is refused: ${refused}`, code: 'upstream_model_list_failed' },
    };
  }
  const clean = sanitizerFor(provider.secrets, opts.keyPrefix);
  try {
    const url = upstreamUrl({ ...provider, options: {} }, '/v1/models');
    const res = await fetch(url, {
      headers: upstreamHeaders(provider, new Headers({ accept: 'application/json' }), null),
      redirect: 'manual',
      signal: AbortSignal.timeout(Math.min(provider.responseTimeoutMs, 30_000)),
    });
    const text = await res.text();
    const latency_ms = Date.now() - started;
    if (!res.ok) {
      return {
        ...base,
        success: false,
        models: [],
        latency_ms,
        error: {
          message:
            res.status >= 300 && res.status < 400
              ? `Upstream answered ${res.status} (a redirect; provider redirects are not followed)`
              : `Upstream answered ${res.status}`,
          code: 'upstream_model_list_failed',
          // Upstreams echo the key they rejected; never pass it on.
          details: { status_code: res.status, body: clean.text(text.slice(0, 500)) },
        },
      };
    }
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    return { ...base, success: true, models: modelIds(parsed).sort(), latency_ms };
  } catch (err) {
    const timeout = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError');
    return {
      ...base,
      success: false,
      models: [],
      latency_ms: Date.now() - started,
      error: {
        message: timeout ? 'Upstream timed out' : 'Upstream unreachable',
        code: 'upstream_model_list_failed',
      },
    };
  }
}
