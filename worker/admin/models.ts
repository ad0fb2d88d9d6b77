// Owns /api/admin/models: CRUD of client-visible models with their links in the detail.
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { bumpConfigVersion } from '../db/queries/config-version';
import { isUniqueViolation } from '../db/queries/errors';
import { selectByChunks } from '../db/queries/id-chunks';
import { containsText } from '../db/queries/text-match';
import { type ModelRow, modelMappingProviders, modelMappings, providers } from '../db/schema';
import { GatewayError } from '../errors';
import { usableStoredJson } from '../lib/json-depth';
import { pricingPatch, pricingView, validateBilling } from './billing';
import { cacheColumns, cacheView } from './cache-settings';
import { boolParam, iso, paged, readBody, readPage } from './http';
import { modelLimitsPatch, modelLimitsView } from './key-limits';
import { linkView } from './link-view';
import { matchModel } from './match';
import { healthView, modelHealth } from './model-health';
import { testModel } from './model-test';
import { modelCreateSchema, modelUpdateSchema } from './schemas';

export const modelRoutes = new Hono<AppEnv>();

function modelView(row: ModelRow, counts?: { total: number; active: number }) {
  return {
    requested_model: row.requestedModel,
    strategy: row.strategy,
    model_type: row.modelType,
    matching_rules: usableStoredJson(row.matchingRules, `model ${row.requestedModel} matching_rules`),
    capabilities: usableStoredJson(row.capabilities, `model ${row.requestedModel} capabilities`),
    expected_output_tokens: row.expectedOutputTokens,
    ...modelLimitsView(row),
    ...pricingView(row),
    ...cacheView(row),
    is_active: row.isActive,
    provider_count: counts?.total ?? 0,
    active_provider_count: counts?.active ?? 0,
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
  };
}

async function findModel(c: { get(k: 'db'): AppEnv['Variables']['db'] }, name: string) {
  const row = await c
    .get('db')
    .select()
    .from(modelMappings)
    .where(eq(modelMappings.requestedModel, name))
    .get();
  if (!row) throw new GatewayError('model_not_found', `Model "${name}" not found`);
  return row;
}

const activeLink = sql<number>`sum(case when ${modelMappingProviders.isActive} = 1 and ${providers.isActive} = 1 then 1 else 0 end)`;

modelRoutes.get('/', async (c) => {
  const db = c.get('db');
  const page = readPage(c);
  const active = boolParam(c, 'is_active');
  const name = c.req.query('requested_model');
  const target = c.req.query('target_model_name');
  const strategy = c.req.query('strategy');
  const type = c.req.query('model_type');
  const targetMatch = db
    .select({ m: modelMappingProviders.requestedModel })
    .from(modelMappingProviders)
    .where(containsText(modelMappingProviders.targetModelName, target ?? ''));
  const where = and(
    active === undefined ? undefined : eq(modelMappings.isActive, active),
    name ? containsText(modelMappings.requestedModel, name) : undefined,
    target ? inArray(modelMappings.requestedModel, targetMatch) : undefined,
    strategy ? eq(modelMappings.strategy, strategy as ModelRow['strategy']) : undefined,
    type ? eq(modelMappings.modelType, type) : undefined,
  );
  const sort = c.req.query('sort_by');
  const order =
    sort === 'requested_model_asc'
      ? asc(modelMappings.requestedModel)
      : sort === 'requested_model_desc'
        ? desc(modelMappings.requestedModel)
        : desc(modelMappings.createdAt);
  const [rows, totals] = await db.batch([
    db.select().from(modelMappings).where(where).orderBy(order).limit(page.pageSize).offset(page.offset),
    db.select({ n: count() }).from(modelMappings).where(where),
  ]);
  const names = rows.map((r) => r.requestedModel);
  const counts = await selectByChunks(db, names, (part) =>
    db
      .select({ m: modelMappingProviders.requestedModel, total: count(), active: activeLink })
      .from(modelMappingProviders)
      .innerJoin(providers, eq(providers.id, modelMappingProviders.providerId))
      .where(inArray(modelMappingProviders.requestedModel, part))
      .groupBy(modelMappingProviders.requestedModel),
  );
  const byName = new Map(counts.map((r) => [r.m, { total: r.total, active: Number(r.active ?? 0) }]));
  return c.json(
    paged(
      rows.map((r) => modelView(r, byName.get(r.requestedModel))),
      totals[0]?.n ?? 0,
      page,
    ),
  );
});

modelRoutes.post('/:name{.+}/match', async (c) => {
  const routing = await c.get('config').routing({ fresh: true });
  return c.json(await matchModel(c, routing, c.req.param('name')));
});

modelRoutes.post('/:name{.+}/test', async (c) => c.json(await testModel(c, c.req.param('name'))));

modelRoutes.get('/:name{.+}', async (c) => {
  const db = c.get('db');
  const row = await findModel(c, c.req.param('name'));
  const links = await db
    .select({ link: modelMappingProviders, provider: providers })
    .from(modelMappingProviders)
    .leftJoin(providers, eq(providers.id, modelMappingProviders.providerId))
    .where(eq(modelMappingProviders.requestedModel, row.requestedModel))
    .orderBy(asc(modelMappingProviders.priority), asc(modelMappingProviders.id));
  const health = await modelHealth(c.env, row.requestedModel);
  const views = links.map((l) => ({ ...linkView(l.link, l.provider), ...healthView(health.get(l.link.id)) }));
  const active = views.filter((v) => v.is_active && v.provider_is_active).length;
  return c.json({ ...modelView(row, { total: views.length, active }), providers: views });
});

modelRoutes.post('/', async (c) => {
  const db = c.get('db');
  const input = await readBody(c, modelCreateSchema);
  const pricing = pricingPatch(input);
  validateBilling(pricing, false);
  try {
    const [inserted] = await db.batch([
      db
        .insert(modelMappings)
        .values({
          requestedModel: input.requested_model,
          strategy: input.strategy ?? 'round_robin',
          modelType: input.model_type ?? 'chat',
          matchingRules: input.matching_rules ?? null,
          capabilities: input.capabilities ?? null,
          expectedOutputTokens: input.expected_output_tokens ?? null,
          ...modelLimitsPatch(input),
          ...pricing,
          ...cacheColumns(input),
          isActive: input.is_active ?? true,
        })
        .returning(),
      bumpConfigVersion(db),
    ]);
    return c.json(modelView(inserted[0] as ModelRow), 201);
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new GatewayError('duplicate_model', `Model "${input.requested_model}" already exists`, {
        cause: err,
      });
    }
    throw err;
  }
});

modelRoutes.put('/:name{.+}', async (c) => {
  const db = c.get('db');
  const current = await findModel(c, c.req.param('name'));
  const patch = await readBody(c, modelUpdateSchema);
  const pricing = pricingPatch(patch);
  validateBilling({ ...current, ...pricing }, false);
  const set: Partial<typeof modelMappings.$inferInsert> = {
    ...pricing,
    ...cacheColumns(patch),
    ...modelLimitsPatch(patch),
    updatedAt: new Date(),
  };
  if (patch.strategy !== undefined) set.strategy = patch.strategy;
  if (patch.model_type !== undefined) set.modelType = patch.model_type;
  if (patch.matching_rules !== undefined) set.matchingRules = patch.matching_rules;
  if (patch.capabilities !== undefined) set.capabilities = patch.capabilities;
  if (patch.expected_output_tokens !== undefined) set.expectedOutputTokens = patch.expected_output_tokens;
  if (patch.is_active !== undefined) set.isActive = patch.is_active;
  const [updated] = await db.batch([
    db
      .update(modelMappings)
      .set(set)
      .where(eq(modelMappings.requestedModel, current.requestedModel))
      .returning(),
    bumpConfigVersion(db),
  ]);
  return c.json(modelView(updated[0] as ModelRow));
});

modelRoutes.delete('/:name{.+}', async (c) => {
  const db = c.get('db');
  const current = await findModel(c, c.req.param('name'));
  await db.batch([
    db.delete(modelMappings).where(eq(modelMappings.requestedModel, current.requestedModel)),
    bumpConfigVersion(db),
  ]);
  return c.body(null, 204);
});
