// Owns /api/admin/providers: CRUD, the protocol catalogue, names, export/import and the upstream model list.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { decryptProviderSecrets } from '../config/provider-secrets';
import { bumpConfigVersion } from '../db/queries/config-version';
import { isForeignKeyViolation } from '../db/queries/errors';
import { selectByChunks } from '../db/queries/id-chunks';
import { containsText } from '../db/queries/text-match';
import { modelMappingProviders, providers } from '../db/schema';
import { GatewayError } from '../errors';
import { PROTOCOL_PRESETS } from '../protocols/catalogue';
import { boolParam, paged, pathId, readBody, readPage } from './http';
import { fetchProviderModels } from './provider-models';
import { providerView } from './provider-view';
import { createProvider, importProviders, updateProvider } from './provider-writes';
import { providerCreateSchema, providerUpdateSchema } from './schemas';

export const providerRoutes = new Hono<AppEnv>();

providerRoutes.get('/protocols', (c) => c.json(PROTOCOL_PRESETS));

providerRoutes.get('/names', async (c) => {
  const active = boolParam(c, 'is_active');
  const rows = await c
    .get('db')
    .select({
      id: providers.id,
      name: providers.name,
      protocol: providers.protocol,
      is_active: providers.isActive,
    })
    .from(providers)
    .where(active === undefined ? undefined : eq(providers.isActive, active))
    .orderBy(sql`lower(${providers.name})`);
  return c.json(rows);
});

providerRoutes.get('/export', async (c) => {
  const rows = await c.get('db').select().from(providers).orderBy(asc(providers.id));
  // Secrets never leave: keys are dropped, sensitive headers masked.
  const views = await Promise.all(rows.map((r) => providerView(c.get('settings').ENCRYPTION_KEY, r)));
  return c.json(
    views.map(({ id: _id, api_key: _k, has_api_key: _h, created_at: _c, updated_at: _u, ...rest }) => rest),
  );
});

providerRoutes.post('/import', async (c) => {
  const items = await readBody(c, providerCreateSchema.array().max(500));
  return c.json(await importProviders(c, items));
});

providerRoutes.get('/', async (c) => {
  const db = c.get('db');
  const page = readPage(c);
  const active = boolParam(c, 'is_active');
  const name = c.req.query('name');
  const protocol = c.req.query('protocol');
  const where = and(
    active === undefined ? undefined : eq(providers.isActive, active),
    name ? containsText(providers.name, name) : undefined,
    protocol ? eq(providers.protocol, protocol) : undefined,
  );
  const [rows, totals] = await db.batch([
    db
      .select()
      .from(providers)
      .where(where)
      .orderBy(desc(providers.id))
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(providers).where(where),
  ]);
  const key = c.get('settings').ENCRYPTION_KEY;
  const ids = rows.map((r) => r.id);
  const counts = await selectByChunks(db, ids, (part) =>
    db
      .select({ id: modelMappingProviders.providerId, n: count() })
      .from(modelMappingProviders)
      .where(inArray(modelMappingProviders.providerId, part))
      .groupBy(modelMappingProviders.providerId),
  );
  const byId = new Map(counts.map((r) => [r.id, r.n]));
  const items = await Promise.all(
    rows.map(async (r) => ({ ...(await providerView(key, r)), link_count: byId.get(r.id) ?? 0 })),
  );
  return c.json(paged(items, totals[0]?.n ?? 0, page));
});

providerRoutes.get('/:id/models', async (c) => {
  const id = pathId(c, 'provider_not_found');
  const row = await c.get('db').select().from(providers).where(eq(providers.id, id)).get();
  if (!row) throw new GatewayError('provider_not_found', `Provider ${id} not found`);
  const settings = c.get('settings');
  const secrets = await decryptProviderSecrets(settings.ENCRYPTION_KEY, row);
  return c.json(
    await fetchProviderModels(row, secrets, {
      allowPrivate: settings.ALLOW_PRIVATE_IP_PROVIDER,
      keyPrefix: settings.API_KEY_PREFIX,
    }),
  );
});

providerRoutes.get('/:id/usage', async (c) => {
  const id = pathId(c, 'provider_not_found');
  const rows = await c
    .get('db')
    .select({
      id: modelMappingProviders.id,
      requested_model: modelMappingProviders.requestedModel,
      target_model_name: modelMappingProviders.targetModelName,
      is_active: modelMappingProviders.isActive,
    })
    .from(modelMappingProviders)
    .where(eq(modelMappingProviders.providerId, id))
    .orderBy(asc(modelMappingProviders.requestedModel));
  return c.json({ provider_id: id, links: rows });
});

providerRoutes.get('/:id', async (c) => {
  const id = pathId(c, 'provider_not_found');
  const row = await c.get('db').select().from(providers).where(eq(providers.id, id)).get();
  if (!row) throw new GatewayError('provider_not_found', `Provider ${id} not found`);
  return c.json(await providerView(c.get('settings').ENCRYPTION_KEY, row));
});

providerRoutes.post('/', async (c) => {
  const input = await readBody(c, providerCreateSchema);
  const row = await createProvider(c, input);
  return c.json(await providerView(c.get('settings').ENCRYPTION_KEY, row), 201);
});

providerRoutes.put('/:id', async (c) => {
  const id = pathId(c, 'provider_not_found');
  const patch = await readBody(c, providerUpdateSchema);
  const row = await updateProvider(c, id, patch);
  return c.json(await providerView(c.get('settings').ENCRYPTION_KEY, row));
});

providerRoutes.delete('/:id', async (c) => {
  const db = c.get('db');
  const id = pathId(c, 'provider_not_found');
  const used = await db
    .select({ n: count() })
    .from(modelMappingProviders)
    .where(eq(modelMappingProviders.providerId, id))
    .get();
  if ((used?.n ?? 0) > 0) {
    throw new GatewayError(
      'provider_in_use',
      `Provider ${id} is used by ${used?.n} model link(s); remove them first`,
    );
  }
  try {
    const [deleted] = await db.batch([
      db.delete(providers).where(eq(providers.id, id)).returning({ id: providers.id }),
      bumpConfigVersion(db),
    ]);
    if (deleted.length === 0) throw new GatewayError('provider_not_found', `Provider ${id} not found`);
  } catch (err) {
    // A link created between the check and the delete trips the foreign key: same answer as the check.
    if (isForeignKeyViolation(err)) {
      throw new GatewayError('provider_in_use', `Provider ${id} is still referenced`, { cause: err });
    }
    throw err;
  }
  return c.body(null, 204);
});
