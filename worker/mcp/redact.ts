// Owns what MCP tool results may show: secrets redacted anywhere in the admin API's answers.
import { isSensitiveHeader } from '../lib/mask';

export const REDACTED = '[redacted]';

/** Fields redacted wherever they appear (views already mask most; MCP output is an extra boundary). */
const SECRET_FIELDS = new Set([
  'api_key',
  '_api_key',
  'key_value',
  'encryption_key',
  'proxy_url',
  'key_hash',
]);
const HEADER_MAPS = new Set(['request_headers', 'response_headers', 'headers']);

export interface RedactOptions {
  /** `create_api_key` returns the new key once, as the admin API does. */
  keepKeyValue?: boolean;
}

function redactHeaders(value: unknown, all: boolean): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = all || isSensitiveHeader(k) ? REDACTED : v;
  return out;
}

/** A copy of an admin answer with provider keys, gateway keys and credential headers redacted. */
export function redact(value: unknown, options: RedactOptions = {}, depth = 0): unknown {
  if (depth > 12 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redact(v, options, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === 'key_value' && options.keepKeyValue && depth === 0) out[k] = v;
    else if (SECRET_FIELDS.has(k)) out[k] = v === null ? null : REDACTED;
    else if (k === 'extra_headers') out[k] = redactHeaders(v, true);
    else if (HEADER_MAPS.has(k)) out[k] = redactHeaders(v, false);
    else out[k] = redact(v, options, depth + 1);
  }
  return out;
}
