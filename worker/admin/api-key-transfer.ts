// Owns GET /api/admin/api-keys/export and POST /api/admin/api-keys/import: key settings and limits by name.
import { asc } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { isUniqueViolation } from '../db/queries/errors';
import { apiKeys } from '../db/schema';
import { createKey } from './api-keys';
import { iso, readBody } from './http';
import { keyLimitsView } from './key-limits';
import { apiKeyCreateSchema } from './schemas';

export const apiKeyTransferRoutes = new Hono<AppEnv>();

/**
 * Every key's settings and limits, by name. Neither values nor hashes leave the gateway: an import
 * elsewhere issues new values (shown once in its answer).
 */
apiKeyTransferRoutes.get('/export', async (c) => {
  const rows = await c.get('db').select().from(apiKeys).orderBy(asc(apiKeys.keyName));
  return c.json(
    rows.map((r) => ({
      key_name: r.keyName,
      is_active: r.isActive,
      record_details: r.recordDetails,
      is_mcp_admin: r.isMcpAdmin,
      expires_at: iso(r.expiresAt),
      ...keyLimitsView(r),
    })),
  );
});

/** Creates each key whose name is new (with a fresh value, returned once); existing names are skipped. */
apiKeyTransferRoutes.post('/import', async (c) => {
  const db = c.get('db');
  const items = await readBody(c, apiKeyCreateSchema.array().max(500));
  const existing = new Set((await db.select({ name: apiKeys.keyName }).from(apiKeys)).map((r) => r.name));
  const created: { id: number; key_name: string; key_value: string }[] = [];
  const skipped: string[] = [];
  const errors: { key_name: string; message: string }[] = [];
  for (const item of items) {
    if (existing.has(item.key_name)) {
      skipped.push(item.key_name);
      continue;
    }
    try {
      const { row, value } = await createKey(db, c.get('settings').API_KEY_PREFIX, item);
      created.push({ id: row.id, key_name: row.keyName, key_value: value });
      existing.add(item.key_name);
    } catch (err) {
      if (isUniqueViolation(err)) skipped.push(item.key_name);
      else errors.push({ key_name: item.key_name, message: err instanceof Error ? err.message : 'failed' });
    }
  }
  return c.json({ success: created.length, created, skipped, errors });
});
