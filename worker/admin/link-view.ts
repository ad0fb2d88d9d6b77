// Owns how a model↔provider link is shown by the admin API.
import type { LinkRow, ProviderRow } from '../db/schema';
import { usableStoredJson } from '../lib/json-depth';
import { pricingView } from './billing';
import { iso } from './http';

export function linkView(
  row: LinkRow,
  provider?: Pick<ProviderRow, 'name' | 'protocol' | 'isActive'> | null,
) {
  const paused = row.pausedUntil !== null && row.pausedUntil.getTime() > Date.now();
  return {
    id: row.id,
    requested_model: row.requestedModel,
    provider_id: row.providerId,
    provider_name: provider?.name ?? null,
    provider_protocol: provider?.protocol ?? null,
    provider_is_active: provider?.isActive ?? null,
    target_model_name: row.targetModelName,
    provider_rules: usableStoredJson(row.providerRules, `link ${row.id} provider_rules`),
    priority: row.priority,
    weight: row.weight,
    ...pricingView(row),
    is_active: row.isActive,
    paused_until: paused ? iso(row.pausedUntil) : null,
    is_paused: paused,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}
