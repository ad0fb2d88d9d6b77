// Owns /api/admin/api-keys: gateway keys created once in clear, stored only as hashes.
import { and, count, desc, eq, gte, inArray, sum } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { bumpConfigVersion } from '../db/queries/config-version';
import { isUniqueViolation } from '../db/queries/errors';
import { selectByChunks } from '../db/queries/id-chunks';
import { type ApiKeyRow, apiKeys, logRollups } from '../db/schema';
import { GatewayError } from '../errors';
import { randomHex, sha256Hex } from '../lib/crypto';
import { boolParam, iso, paged, pathId, readBody, readPage } from './http';
import { apiKeyCreateSchema, apiKeyUpdateSchema } from './schemas';

export const apiKeyRoutes = new Hono<AppEnv>();

function keyView(row: ApiKeyRow, monthlyCost = 0) {
  return {
    id: row.id,
    key_name: row.keyName,
    key_value: `${row.keyPrefix}****${row.keySuffix}`,
    is_active: row.isActive,
    record_details: row.recordDetails,
    is_mcp_admin: row.isMcpAdmin,
    expires_at: iso(row.expiresAt),
    is_expired: row.expiresAt !== null && row.expiresAt.getTime() <= Date.now(),
    monthly_cost: Math.round(monthlyCost * 1e10) / 1e10,
    created_at: iso(row.createdAt),
    last_used_at: iso(row.lastUsedAt),
  };
}

function monthStart(): number {
  const now = new Date();
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
}

function duplicate(name: string, err: unknown) {
  return new GatewayError('duplicate_name', `An API key named "${name}" already exists`, { cause: err });
}

apiKeyRoutes.get('/', async (c) => {
  const db = c.get('db');
  const page = readPage(c);
  const active = boolParam(c, 'is_active');
  const where = active === undefined ? undefined : eq(apiKeys.isActive, active);
  const [rows, totals] = await db.batch([
    db.select().from(apiKeys).where(where).orderBy(desc(apiKeys.id)).limit(page.pageSize).offset(page.offset),
    db.select({ n: count() }).from(apiKeys).where(where),
  ]);
  const ids = rows.map((r) => r.id);
  // Month to date from the hourly rollups (a month starts on an hour boundary, so this is exact).
  const costs = await selectByChunks(db, ids, (part) =>
    db
      .select({ id: logRollups.apiKeyId, cost: sum(logRollups.totalCost) })
      .from(logRollups)
      .where(
        and(
          eq(logRollups.grain, 60),
          gte(logRollups.bucketStart, monthStart()),
          eq(logRollups.kind, 'request'),
          inArray(logRollups.apiKeyId, part),
        ),
      )
      .groupBy(logRollups.apiKeyId),
  );
  const byId = new Map(costs.map((r) => [r.id, Number(r.cost ?? 0)]));
  return c.json(
    paged(
      rows.map((r) => keyView(r, byId.get(r.id))),
      totals[0]?.n ?? 0,
      page,
    ),
  );
});

apiKeyRoutes.get('/:id', async (c) => {
  const id = pathId(c, 'api_key_not_found');
  const row = await c.get('db').select().from(apiKeys).where(eq(apiKeys.id, id)).get();
  if (!row) throw new GatewayError('api_key_not_found', `API key ${id} not found`);
  return c.json(keyView(row));
});

apiKeyRoutes.post('/', async (c) => {
  const db = c.get('db');
  const input = await readBody(c, apiKeyCreateSchema);
  const value = `${c.get('settings').API_KEY_PREFIX}${randomHex(16)}`;
  try {
    const [inserted] = await db.batch([
      db
        .insert(apiKeys)
        .values({
          keyName: input.key_name,
          keyHash: await sha256Hex(value),
          keyPrefix: value.slice(0, 8),
          keySuffix: value.slice(-4),
          isActive: input.is_active ?? true,
          recordDetails: input.record_details ?? true,
          isMcpAdmin: input.is_mcp_admin ?? false,
          expiresAt: input.expires_at ? new Date(input.expires_at) : null,
        })
        .returning(),
      bumpConfigVersion(db),
    ]);
    // The only response that ever carries the full key.
    return c.json({ ...keyView(inserted[0] as ApiKeyRow), key_value: value }, 201);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(input.key_name, err);
    throw err;
  }
});

apiKeyRoutes.put('/:id', async (c) => {
  const db = c.get('db');
  const id = pathId(c, 'api_key_not_found');
  const patch = await readBody(c, apiKeyUpdateSchema);
  const set: Partial<typeof apiKeys.$inferInsert> = {};
  if (patch.key_name !== undefined) set.keyName = patch.key_name;
  if (patch.is_active !== undefined) set.isActive = patch.is_active;
  if (patch.record_details !== undefined) set.recordDetails = patch.record_details;
  if (patch.is_mcp_admin !== undefined) set.isMcpAdmin = patch.is_mcp_admin;
  if (patch.expires_at !== undefined) set.expiresAt = patch.expires_at ? new Date(patch.expires_at) : null;
  if (Object.keys(set).length === 0) {
    const row = await db.select().from(apiKeys).where(eq(apiKeys.id, id)).get();
    if (!row) throw new GatewayError('api_key_not_found', `API key ${id} not found`);
    return c.json(keyView(row));
  }
  try {
    const [updated] = await db.batch([
      db.update(apiKeys).set(set).where(eq(apiKeys.id, id)).returning(),
      bumpConfigVersion(db),
    ]);
    const row = updated[0];
    if (!row) throw new GatewayError('api_key_not_found', `API key ${id} not found`);
    return c.json(keyView(row));
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(patch.key_name ?? '', err);
    throw err;
  }
});

apiKeyRoutes.delete('/:id', async (c) => {
  const db = c.get('db');
  const id = pathId(c, 'api_key_not_found');
  const [deleted] = await db.batch([
    db.delete(apiKeys).where(eq(apiKeys.id, id)).returning({ id: apiKeys.id }),
    bumpConfigVersion(db),
  ]);
  if (deleted.length === 0) throw new GatewayError('api_key_not_found', `API key ${id} not found`);
  return c.body(null, 204);
});
