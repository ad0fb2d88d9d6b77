// Owns the provider resource: query factories (list, catalogue, names, models, usage) and the write calls.
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api, type Paged } from '../../lib/api';
import type { ProviderCreate } from '../../lib/schemas';
import { searchBool, searchPage, searchPageSize, searchText } from '../../lib/search';
import type { PricingPayload } from '../models/billing/billing-values';

export interface Provider {
  id: number;
  name: string;
  remark: string | null;
  base_url: string;
  protocol: string;
  /** Masked; null when no key is stored. */
  api_key: string | null;
  has_api_key: boolean;
  extra_headers: Record<string, string> | null;
  provider_options: { default_parameters?: Record<string, number>; no_suffix?: boolean };
  response_timeout_seconds: number;
  is_active: boolean;
  created_at: string | null;
  updated_at: string | null;
  /** Model links using this provider: on list items, not on single-provider answers. */
  link_count?: number;
}

export interface ProtocolPreset {
  protocol: string;
  label: string;
  implementation: string;
  base_url: string;
  /** What the secret holds: a key, Bedrock credentials, a service-account JSON key, or nothing. */
  credential?: 'api_key' | 'aws' | 'service_account' | 'none';
  /** What the base URL and the credential look like for this preset. */
  hint?: string;
}

export interface ProviderName {
  id: number;
  name: string;
  protocol: string;
  is_active: boolean;
}

export interface ProviderModels {
  provider_id: number;
  provider_name: string;
  protocol: string;
  success: boolean;
  models: string[];
  latency_ms?: number;
  error?: { message: string; code: string; details?: { status_code?: number; body?: string } };
}

export interface ProviderLink {
  id: number;
  requested_model: string;
  target_model_name: string;
  is_active: boolean;
}

export const providerSearchSchema = z.object({
  page: searchPage,
  page_size: searchPageSize,
  name: searchText,
  protocol: searchText,
  is_active: searchBool,
});

export type ProviderSearch = z.output<typeof providerSearchSchema>;

export const providersQuery = (search: ProviderSearch) =>
  queryOptions({
    queryKey: ['providers', 'list', search],
    queryFn: () =>
      api<Paged<Provider>>('/api/admin/providers', {
        query: { ...search, page: search.page ?? 1, page_size: search.page_size ?? 20 },
      }),
  });

export const protocolsQuery = () =>
  queryOptions({
    queryKey: ['providers', 'protocols'],
    queryFn: () => api<ProtocolPreset[]>('/api/admin/providers/protocols'),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const providerNamesQuery = () =>
  queryOptions({
    queryKey: ['providers', 'names'],
    queryFn: () => api<ProviderName[]>('/api/admin/providers/names'),
  });

/** The upstream's model list: doubles as the connection test. */
export const providerModelsQuery = (id: number) =>
  queryOptions({
    queryKey: ['providers', 'models', id],
    queryFn: () => api<ProviderModels>(`/api/admin/providers/${id}/models`),
    staleTime: 60_000,
    retry: false,
  });

export const providerUsageQuery = (id: number) =>
  queryOptions({
    queryKey: ['providers', 'usage', id],
    queryFn: () => api<{ provider_id: number; links: ProviderLink[] }>(`/api/admin/providers/${id}/usage`),
  });

export const createProvider = (input: ProviderCreate) =>
  api<Provider>('/api/admin/providers', { method: 'POST', body: input });

export const updateProvider = (id: number, patch: Partial<ProviderCreate>) =>
  api<Provider>(`/api/admin/providers/${id}`, { method: 'PUT', body: patch });

export const deleteProvider = (id: number) => api<void>(`/api/admin/providers/${id}`, { method: 'DELETE' });

export const exportProviders = () => api<unknown[]>('/api/admin/providers/export');

export interface ImportResult {
  success: number;
  created: string[];
  skipped: string[];
  errors: { name: string; message: string }[];
}

export const importProviders = (items: unknown[]) =>
  api<ImportResult>('/api/admin/providers/import', { method: 'POST', body: items });

/** Renames one provider's target model on every link using it (compared trimmed, case-insensitively). */
export interface BulkUpgradeInput extends Partial<PricingPayload> {
  provider_id: number;
  current_target_model_name: string;
  new_target_model_name: string;
}

export interface BulkUpgradeResult {
  updated_count: number;
  links: { id: number; requested_model: string }[];
}

export const bulkUpgrade = (input: BulkUpgradeInput) =>
  api<BulkUpgradeResult>('/api/admin/model-providers/bulk-upgrade', { method: 'POST', body: input });
