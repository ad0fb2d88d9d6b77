// Owns GET /api/admin/logs/in-flight and POST /api/admin/logs/:trace_id/cancel: running requests, on every instance.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { cancelInFlight, listInFlight } from '../inflight/client';
import { iso } from './http';

export const logInFlightRoutes = new Hono<AppEnv>();

const CANCEL_REASON = 'Request cancelled by admin';

logInFlightRoutes.get('/in-flight', async (c) => {
  const now = Date.now();
  const entries = await listInFlight(c.env);
  return c.json({
    items: entries.map((e) => ({
      trace_id: e.trace_id,
      started_at: iso(e.started_at),
      elapsed_ms: Math.max(0, now - e.started_at),
      requested_model: e.requested_model,
      request_path: e.path,
      is_stream: e.is_stream,
      api_key_id: e.api_key_id,
      api_key_name: e.api_key_name,
      user_id: e.user_id,
      cancel_requested: e.cancel_requested,
    })),
    total: entries.length,
    sync_interval_ms: c.get('settings').INFLIGHT_SYNC_MS,
  });
});

logInFlightRoutes.post('/:trace_id/cancel', async (c) => {
  const traceId = c.req.param('trace_id');
  if (traceId.length > 100) throw new GatewayError('log_not_found', 'No such trace id');
  const found = await cancelInFlight(c.env, traceId, CANCEL_REASON);
  if (!found) {
    throw new GatewayError(
      'log_not_found',
      `No running request has trace id ${traceId} (finished, or unknown)`,
      {
        details: { reason: 'request_not_found_or_completed' },
      },
    );
  }
  // The instance running it aborts the upstream call at its next sync (within about two intervals).
  return c.json({ status: 'cancelling', trace_id: traceId }, 202);
});
