// Owns the API-key resource: list, detail and usage query factories and the create/update/delete calls.
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api, type Paged } from '../../lib/api';
import type { ApiKeyCreate } from '../../lib/schemas';
import { searchBool, searchPage, searchPageSize } from '../../lib/search';

export interface ApiKey {
  id: number;
  key_name: string;
  /** Masked (`lgw-1234****abcd`) everywhere except the create response. */
  key_value: string;
  is_active: boolean;
  record_details: boolean;
  /** May authenticate the MCP management server (/mcp). */
  is_mcp_admin: boolean;
  expires_at: string | null;
  is_expired: boolean;
  rpm_limit: number | null;
  tpm_limit: number | null;
  concurrency_limit: number | null;
  budget_usd: number | null;
  budget_period: 'day' | 'month' | 'total';
  allowed_models: string[] | null;
  user_rpm_limit: number | null;
  user_budget_usd: number | null;
  monthly_cost: number;
  created_at: string | null;
  last_used_at: string | null;
}

/** A key's counts against its limits (GET /api-keys/{id}/usage); a count not limited is null. */
export interface KeyUsage {
  requests_this_minute: number | null;
  tokens_this_minute: number | null;
  in_flight: number | null;
  spend_usd: number;
  budget_usd: number | null;
  budget_period: 'day' | 'month' | 'total' | null;
  period_start: string | null;
  remaining_usd: number | null;
  reserved_usd: number | null;
  rpm_limit: number | null;
  tpm_limit: number | null;
  concurrency_limit: number | null;
}

/** True when the key has a limit a usage bar can be drawn against. */
export function hasUsageLimits(k: ApiKey): boolean {
  return (
    k.rpm_limit !== null || k.tpm_limit !== null || k.concurrency_limit !== null || k.budget_usd !== null
  );
}

export const apiKeyQuery = (id: number) =>
  queryOptions({
    queryKey: ['api-keys', 'detail', id],
    queryFn: () => api<ApiKey>(`/api/admin/api-keys/${id}`),
  });

export const keyUsageQuery = (id: number) =>
  queryOptions({
    queryKey: ['api-keys', 'usage', id],
    queryFn: () => api<KeyUsage>(`/api/admin/api-keys/${id}/usage`),
    refetchInterval: 5_000,
  });

export const apiKeySearchSchema = z.object({
  page: searchPage,
  page_size: searchPageSize,
  is_active: searchBool,
});

export type ApiKeySearch = z.output<typeof apiKeySearchSchema>;

export const apiKeysQuery = (search: ApiKeySearch) =>
  queryOptions({
    queryKey: ['api-keys', 'list', search],
    queryFn: () =>
      api<Paged<ApiKey>>('/api/admin/api-keys', {
        query: { page: search.page ?? 1, page_size: search.page_size ?? 20, is_active: search.is_active },
      }),
  });

/** Every key (for filter and playground pickers); a gateway has tens of keys, not thousands. */
export const allApiKeysQuery = () =>
  queryOptions({
    queryKey: ['api-keys', 'all'],
    queryFn: async () =>
      (await api<Paged<ApiKey>>('/api/admin/api-keys', { query: { page_size: 1000 } })).items,
    staleTime: 60_000,
  });

export const createApiKey = (input: ApiKeyCreate) =>
  api<ApiKey>('/api/admin/api-keys', { method: 'POST', body: input });

export const updateApiKey = (id: number, patch: Partial<ApiKeyCreate>) =>
  api<ApiKey>(`/api/admin/api-keys/${id}`, { method: 'PUT', body: patch });

export const deleteApiKey = (id: number) => api<void>(`/api/admin/api-keys/${id}`, { method: 'DELETE' });
