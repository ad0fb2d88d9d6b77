// Owns the audit log resource: its search params (filters in the URL) and the list query factory.
import { queryOptions } from '@tanstack/react-query';
import { z } from 'zod';
import { api, type Paged } from '../../lib/api';
import { searchPage, searchPageSize, searchText } from '../../lib/search';

export interface AuditEntry {
  id: number;
  created_at: string | null;
  actor_type: 'admin' | 'mcp';
  actor: string;
  actor_key_id: number | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  status: number;
  /** Snapshots with every secret masked (`*** (fingerprint)`). */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  trace_id: string | null;
}

export const auditSearchSchema = z.object({
  page: searchPage,
  page_size: searchPageSize,
  action: searchText,
  actor: searchText,
  actor_type: z.enum(['admin', 'mcp']).optional().catch(undefined),
  target_type: searchText,
  target_id: searchText,
});

export type AuditSearch = z.output<typeof auditSearchSchema>;

export const auditQuery = (search: AuditSearch) =>
  queryOptions({
    queryKey: ['audit', 'list', search],
    queryFn: () =>
      api<Paged<AuditEntry>>('/api/admin/audit', {
        query: { ...search, page: search.page ?? 1, page_size: search.page_size ?? 50 },
      }),
  });

/** The top-level fields whose values differ between two snapshots (what a change touched). */
export function changedFields(before: AuditEntry['before'], after: AuditEntry['after']): string[] {
  if (!before || !after) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys]
    .filter((k) => k !== 'updated_at' && JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .sort();
}
