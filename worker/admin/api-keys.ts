// Owns /api/admin/api-keys: gateway keys created once in clear, stored only as hashes.
import { and, count, desc, eq, gte, inArray, sum } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import type { Db } from '../db/client';
import { bumpConfigVersion } from '../db/queries/config-version';
import { isUniqueViolation } from '../db/queries/errors';
import { selectByChunks } from '../db/queries/id-chunks';
import { type ApiKeyRow, apiKeys, logRollups } from '../db/schema';
import { GatewayError } from '../errors';
import { randomHex, sha256Hex } from '../lib/crypto';
import { boolParam, iso, paged, pathId, readBody, readPage } from './http';
import { keyLimitsPatch, keyLimitsView } from './key-limits';
import { type ApiKeyCreate, apiKeyCreateSchema, apiKeyUpdateSchema } from './schemas';

export const apiKeyRoutes = new Hono<AppEnv>();

/** A key as every admin answer shows it (masked value, limits, month-to-date cost). */
export function keyView(row: ApiKeyRow, monthlyCost = 0) {
  return {
    id: row.id,
    key_name: row.keyName,
    key_value: `${row.keyPrefix}****${row.keySuffix}`,
    is_active: row.isActive,
    record_details: row.recordDetails,
    is_mcp_admin: row.isMcpAdmin,
    expires_at: iso(row.expiresAt),
    is_expired: row.expiresAt !== null && row.expiresAt.getTime() <= Date.now(),
    ...keyLimitsView(row),
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

/**
 * Creates a key with a fresh random value, in one batch with the config version bump. The value is
 * returned once to the caller and never stored (only its SHA-256).
 */
export async function createKey(db: Db, prefix: string, input: ApiKeyCreate) {
  const value = `${prefix}${randomHex(16)}`;
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
        ...keyLimitsPatch(input),
      })
      .returning(),
    bumpConfigVersion(db),
  ]);
  return { row: inserted[0] as ApiKeyRow, value };
}

apiKeyRoutes.post('/', async (c) => {
  const input = await readBody(c, apiKeyCreateSchema);
  try {
    const { row, value } = await createKey(c.get('db'), c.get('settings').API_KEY_PREFIX, input);
    // The only response that ever carries the full key.
    return c.json({ ...keyView(row), key_value: value }, 201);
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(input.key_name, err);
    throw err;
  }
});

apiKeyRoutes.put('/:id', async (c) => {
  const db = c.get('db');
  const id = pathId(c, 'api_key_not_found');
  const patch = await readBody(c, apiKeyUpdateSchema);
  const set: Partial<typeof apiKeys.$inferInsert> = keyLimitsPatch(patch);
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
