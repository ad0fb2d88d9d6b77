// Owns GET /api/admin/telemetry/export-stats: what the OTLP export delivered, retried and dropped per day.
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { readExportStats } from '../db/queries/telemetry-export';
import { readQuery } from './logs-params';

export const telemetryStatsRoutes = new Hono<AppEnv>();

const querySchema = z.object({ days: z.coerce.number().int().min(1).max(400).default(7) });

telemetryStatsRoutes.get('/export-stats', async (c) => {
  const { days } = readQuery(c, querySchema);
  const since = new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await readExportStats(c.get('db'), since);
  return c.json({
    items: rows.map((r) => ({
      day: r.day,
      signal: r.signal,
      batches: r.batches,
      items: r.items,
      retries: r.retries,
      failed_batches: r.failedBatches,
      dropped_items: r.droppedItems,
    })),
  });
});
