// Owns the running-requests resource: the polled list and the cancel call.
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface RunningRequest {
  trace_id: string;
  started_at: string;
  elapsed_ms: number;
  requested_model: string | null;
  request_path: string;
  is_stream: boolean;
  api_key_id: number | null;
  api_key_name: string | null;
  user_id: string | null;
  cancel_requested: boolean;
}

export const inFlightQuery = () =>
  queryOptions({
    queryKey: ['logs', 'in-flight'],
    queryFn: () =>
      api<{ items: RunningRequest[]; total: number; sync_interval_ms: number }>('/api/admin/logs/in-flight'),
  });

export const cancelRequest = (traceId: string) =>
  api<{ status: string; trace_id: string }>(`/api/admin/logs/${encodeURIComponent(traceId)}/cancel`, {
    method: 'POST',
  });
