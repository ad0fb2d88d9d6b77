// Owns the map from an admin write (method + path under /api/admin) to its audit action and target.
import type { AuditTargetType } from './audit-snapshots';

export interface AuditSpec {
  action: string;
  targetType: AuditTargetType | null;
  /** The target id from the path; null when the change creates it (taken from the response). */
  targetId: string | null;
  /** Where the created resource's id sits in the JSON response. */
  createdIdField?: 'id' | 'requested_model';
  /** Keep the (masked) JSON response as `after`: changes without one resource to snapshot. */
  afterFromResponse?: boolean;
}

interface Rule {
  method: string;
  pattern: RegExp;
  spec: (m: RegExpMatchArray) => AuditSpec | null;
}

function decode(part: string | undefined): string {
  try {
    return decodeURIComponent(part ?? '');
  } catch {
    return part ?? '';
  }
}

const on = (targetType: AuditTargetType, action: string) => (m: RegExpMatchArray) => ({
  action,
  targetType,
  targetId: decode(m[1]),
});
const created = (targetType: AuditTargetType, action: string, field: 'id' | 'requested_model') => () => ({
  action,
  targetType,
  targetId: null,
  createdIdField: field,
});
const summary = (action: string) => () => ({
  action,
  targetType: null,
  targetId: null,
  afterFromResponse: true,
});

// First match wins: fixed paths before `:name`, whose model names may contain slashes.
const RULES: Rule[] = [
  { method: 'POST', pattern: /^\/providers\/import$/, spec: summary('provider.import') },
  { method: 'POST', pattern: /^\/providers$/, spec: created('provider', 'provider.create', 'id') },
  { method: 'PUT', pattern: /^\/providers\/([^/]+)$/, spec: on('provider', 'provider.update') },
  { method: 'DELETE', pattern: /^\/providers\/([^/]+)$/, spec: on('provider', 'provider.delete') },
  { method: 'POST', pattern: /^\/models\/import$/, spec: summary('model.import') },
  { method: 'POST', pattern: /^\/models$/, spec: created('model', 'model.create', 'requested_model') },
  // A routing simulation changes nothing.
  { method: 'POST', pattern: /^\/models\/.+\/match$/, spec: () => null },
  { method: 'POST', pattern: /^\/models\/(.+)\/test$/, spec: on('model', 'model.test') },
  { method: 'POST', pattern: /^\/models\/(.+)\/cache\/purge$/, spec: on('model', 'model.cache_purge') },
  { method: 'PUT', pattern: /^\/models\/(.+)$/, spec: on('model', 'model.update') },
  { method: 'DELETE', pattern: /^\/models\/(.+)$/, spec: on('model', 'model.delete') },
  {
    method: 'POST',
    pattern: /^\/model-providers\/bulk-upgrade$/,
    spec: summary('model_provider.bulk_upgrade'),
  },
  {
    method: 'POST',
    pattern: /^\/model-providers$/,
    spec: created('model_provider', 'model_provider.create', 'id'),
  },
  {
    method: 'PUT',
    pattern: /^\/model-providers\/([^/]+)$/,
    spec: on('model_provider', 'model_provider.update'),
  },
  {
    method: 'DELETE',
    pattern: /^\/model-providers\/([^/]+)$/,
    spec: on('model_provider', 'model_provider.delete'),
  },
  { method: 'POST', pattern: /^\/api-keys\/import$/, spec: summary('api_key.import') },
  { method: 'POST', pattern: /^\/api-keys$/, spec: created('api_key', 'api_key.create', 'id') },
  { method: 'PUT', pattern: /^\/api-keys\/([^/]+)$/, spec: on('api_key', 'api_key.update') },
  {
    method: 'POST',
    pattern: /^\/api-keys\/([^/]+)\/cache\/purge$/,
    spec: on('api_key', 'api_key.cache_purge'),
  },
  { method: 'DELETE', pattern: /^\/api-keys\/([^/]+)$/, spec: on('api_key', 'api_key.delete') },
  { method: 'POST', pattern: /^\/logs\/cleanup$/, spec: summary('logs.cleanup') },
  { method: 'POST', pattern: /^\/logs\/([^/]+)\/retry$/, spec: on('log', 'log.retry') },
  { method: 'POST', pattern: /^\/logs\/([^/]+)\/cancel$/, spec: on('log', 'log.cancel') },
  {
    method: 'POST',
    pattern: /^\/playground$/,
    spec: () => ({ action: 'playground.run', targetType: null, targetId: null }),
  },
];

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The audit entry an admin call leaves, or null for reads and simulations. A write no rule knows
 * (a route added later) is still recorded, under its method and path.
 */
export function auditSpec(method: string, path: string): AuditSpec | null {
  if (READS.has(method)) return null;
  for (const rule of RULES) {
    if (rule.method !== method) continue;
    const m = path.match(rule.pattern);
    if (m) return rule.spec(m);
  }
  return { action: `${method.toLowerCase()} ${path}`, targetType: null, targetId: null };
}
