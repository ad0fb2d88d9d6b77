// Owns the model resource: query factories (list, detail, stats, pricing history) and model/link calls.
import { type QueryClient, queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api, isApiError, type Paged } from '../../lib/api';
import type { LinkCreate, ModelCreate } from '../../lib/schemas';
import { searchBool, searchPage, searchPageSize, searchText } from '../../lib/search';
import type {
  MatchResult,
  Model,
  ModelDetail,
  ModelImportResult,
  ModelLink,
  ModelStat,
  ModelTestResult,
  PricingSuggestion,
  TestProtocol,
} from './types';

export const modelSearchSchema = z.object({
  page: searchPage,
  page_size: searchPageSize,
  requested_model: searchText,
  target_model_name: searchText,
  model_type: searchText,
  strategy: searchText,
  is_active: searchBool,
});

export type ModelSearch = z.output<typeof modelSearchSchema>;

const path = (name: string) => `/api/admin/models/${name.split('/').map(encodeURIComponent).join('/')}`;

export const modelsQuery = (search: ModelSearch) =>
  queryOptions({
    queryKey: ['models', 'list', search],
    queryFn: () =>
      api<Paged<Model>>('/api/admin/models', {
        query: { ...search, page: search.page ?? 1, page_size: search.page_size ?? 20 },
      }),
  });

export const modelDetailQuery = (name: string) =>
  queryOptions({
    queryKey: ['models', 'detail', name],
    queryFn: () => api<ModelDetail>(path(name)),
  });

/** Model names for pickers (playground, log filters). */
export const modelNamesQuery = () =>
  queryOptions({
    queryKey: ['models', 'names'],
    queryFn: async () =>
      (
        await api<Paged<Model>>('/api/admin/models', {
          query: { page_size: 1000, sort_by: 'requested_model_asc' },
        })
      ).items.map((m) => m.requested_model),
    staleTime: 60_000,
  });

function toStatList(body: unknown): ModelStat[] {
  if (Array.isArray(body)) return body as ModelStat[];
  if (body && typeof body === 'object') {
    const rec = body as Record<string, unknown>;
    for (const key of ['items', 'models', 'stats'])
      if (Array.isArray(rec[key])) return rec[key] as ModelStat[];
  }
  return [];
}

/** Per-model latency (one model: its exact name); an absent endpoint yields an empty map. */
export const modelStatsQuery = (requestedModel?: string) =>
  queryOptions({
    queryKey: ['models', 'stats', requestedModel ?? null],
    queryFn: async () => {
      // Until the stats endpoint ships, a 404 means "no numbers yet", not a broken page.
      const body = await api<unknown>('/api/admin/models/stats', {
        query: { model: requestedModel },
      }).catch((err: unknown) => {
        if (isApiError(err, 404)) return [];
        throw err;
      });
      return new Map(toStatList(body).map((s) => [s.requested_model, s]));
    },
    staleTime: 60_000,
  });

/** The latest link per provider for a target model, prices resolved: suggestions for a new link's billing. */
export const pricingHistoryQuery = (targetModel: string) =>
  queryOptions({
    queryKey: ['model-providers', 'pricing-history', targetModel.trim().toLowerCase()],
    queryFn: () =>
      api<{ items: PricingSuggestion[] }>('/api/admin/model-providers/pricing-history', {
        query: { target_model_name: targetModel.trim() },
      }),
    staleTime: 30_000,
  });

/** After links change: models, the providers' link counts and usage, and the pricing history. */
export const invalidateLinkViews = (queryClient: QueryClient) =>
  Promise.all(
    [['models'], ['providers', 'list'], ['providers', 'usage'], ['model-providers']].map((queryKey) =>
      queryClient.invalidateQueries({ queryKey }),
    ),
  );

export const exportModels = () => api<unknown[]>('/api/admin/models/export');
export const importModels = (items: unknown[]) =>
  api<ModelImportResult>('/api/admin/models/import', { method: 'POST', body: items });

export const createModel = (input: ModelCreate) =>
  api<Model>('/api/admin/models', { method: 'POST', body: input });
export const updateModel = (name: string, patch: Partial<ModelCreate>) =>
  api<Model>(path(name), { method: 'PUT', body: patch });
export const deleteModel = (name: string) => api<void>(path(name), { method: 'DELETE' });

export const matchModel = (
  name: string,
  body: {
    input_tokens?: number;
    headers?: Record<string, string>;
    body?: Record<string, unknown>;
    api_key?: string;
  },
) => api<MatchResult>(`${path(name)}/match`, { method: 'POST', body });

export const testModel = (
  name: string,
  body: { protocol: TestProtocol; stream?: boolean; prompt?: string },
) => api<ModelTestResult>(`${path(name)}/test`, { method: 'POST', body });

export const createLink = (input: LinkCreate) =>
  api<ModelLink>('/api/admin/model-providers', { method: 'POST', body: input });
export const updateLink = (id: number, patch: Partial<LinkCreate>) =>
  api<ModelLink>(`/api/admin/model-providers/${id}`, { method: 'PUT', body: patch });
export const deleteLink = (id: number) => api<void>(`/api/admin/model-providers/${id}`, { method: 'DELETE' });
