// Owns /api/admin/model-providers: the links from a model to a provider and target model.
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { bumpConfigVersion } from '../db/queries/config-version';
import { isForeignKeyViolation } from '../db/queries/errors';
import { type LinkRow, modelMappingProviders, modelMappings, providers } from '../db/schema';
import { GatewayError } from '../errors';
import { pricingPatch, validateBilling } from './billing';
import { boolParam, paged, pathId, readBody, readPage } from './http';
import { linkView } from './link-view';
import { linkCreateSchema, linkUpdateSchema } from './schemas';

export const modelProviderRoutes = new Hono<AppEnv>();

async function withProvider(db: AppEnv['Variables']['db'], row: LinkRow) {
  const provider = await db.select().from(providers).where(eq(providers.id, row.providerId)).get();
  return linkView(row, provider);
}

/**
 * The provider columns a link view shows, under names no link column has: inside `db.batch` D1 returns
 * rows keyed by column name, so a joined `id`/`name`/`is_active` would overwrite the link's own.
 */
const providerColumns = {
  name: sql<string | null>`${providers.name}`.as('joined_provider_name'),
  protocol: sql<string | null>`${providers.protocol}`.as('joined_provider_protocol'),
  isActive: sql<number | null>`${providers.isActive}`.as('joined_provider_is_active'),
};

modelProviderRoutes.get('/', async (c) => {
  const db = c.get('db');
  const page = readPage(c);
  const model = c.req.query('requested_model');
  const providerId = c.req.query('provider_id');
  const active = boolParam(c, 'is_active');
  const where = and(
    model ? eq(modelMappingProviders.requestedModel, model) : undefined,
    providerId ? eq(modelMappingProviders.providerId, Number(providerId)) : undefined,
    active === undefined ? undefined : eq(modelMappingProviders.isActive, active),
  );
  const [rows, totals] = await db.batch([
    db
      .select({ link: modelMappingProviders, ...providerColumns })
      .from(modelMappingProviders)
      .leftJoin(providers, eq(providers.id, modelMappingProviders.providerId))
      .where(where)
      .orderBy(
        asc(modelMappingProviders.requestedModel),
        asc(modelMappingProviders.priority),
        asc(modelMappingProviders.id),
      )
      .limit(page.pageSize)
      .offset(page.offset),
    db.select({ n: count() }).from(modelMappingProviders).where(where),
  ]);
  return c.json(
    paged(
      rows.map((r) =>
        linkView(
          r.link,
          r.name === null
            ? null
            : { name: r.name, protocol: r.protocol ?? '', isActive: Boolean(r.isActive) },
        ),
      ),
      totals[0]?.n ?? 0,
      page,
    ),
  );
});

modelProviderRoutes.get('/:id', async (c) => {
  const id = pathId(c, 'model_provider_not_found');
  const db = c.get('db');
  const row = await db.select().from(modelMappingProviders).where(eq(modelMappingProviders.id, id)).get();
  if (!row) throw new GatewayError('model_provider_not_found', `Model-provider link ${id} not found`);
  return c.json(await withProvider(db, row));
});

modelProviderRoutes.post('/', async (c) => {
  const db = c.get('db');
  const input = await readBody(c, linkCreateSchema);
  const pricing = pricingPatch(input);
  validateBilling(pricing, true);
  const [model, provider] = await db.batch([
    db
      .select({ m: modelMappings.requestedModel })
      .from(modelMappings)
      .where(eq(modelMappings.requestedModel, input.requested_model)),
    db.select({ id: providers.id }).from(providers).where(eq(providers.id, input.provider_id)),
  ]);
  if (model.length === 0)
    throw new GatewayError('model_not_found', `Model "${input.requested_model}" not found`);
  if (provider.length === 0)
    throw new GatewayError('provider_not_found', `Provider ${input.provider_id} not found`);
  try {
    const [inserted] = await db.batch([
      db
        .insert(modelMappingProviders)
        .values({
          requestedModel: input.requested_model,
          providerId: input.provider_id,
          targetModelName: input.target_model_name,
          providerRules: input.provider_rules ?? null,
          priority: input.priority ?? 0,
          weight: input.weight ?? 1,
          ...pricing,
          isActive: input.is_active ?? true,
          pausedUntil: input.paused_until ? new Date(input.paused_until) : null,
        })
        .returning(),
      bumpConfigVersion(db),
    ]);
    return c.json(await withProvider(db, inserted[0] as LinkRow), 201);
  } catch (err) {
    if (isForeignKeyViolation(err))
      throw new GatewayError('not_found', 'The model or provider was just deleted');
    throw err;
  }
});

modelProviderRoutes.put('/:id', async (c) => {
  const db = c.get('db');
  const id = pathId(c, 'model_provider_not_found');
  const current = await db.select().from(modelMappingProviders).where(eq(modelMappingProviders.id, id)).get();
  if (!current) throw new GatewayError('model_provider_not_found', `Model-provider link ${id} not found`);
  const patch = await readBody(c, linkUpdateSchema);
  const pricing = pricingPatch(patch);
  validateBilling({ ...current, ...pricing }, true);
  const set: Partial<typeof modelMappingProviders.$inferInsert> = { ...pricing, updatedAt: new Date() };
  if (patch.provider_id !== undefined) {
    const exists = await db
      .select({ id: providers.id })
      .from(providers)
      .where(eq(providers.id, patch.provider_id))
      .get();
    if (!exists) throw new GatewayError('provider_not_found', `Provider ${patch.provider_id} not found`);
    set.providerId = patch.provider_id;
  }
  if (patch.target_model_name !== undefined) set.targetModelName = patch.target_model_name;
  if (patch.provider_rules !== undefined) set.providerRules = patch.provider_rules;
  if (patch.priority !== undefined) set.priority = patch.priority;
  if (patch.weight !== undefined) set.weight = patch.weight;
  if (patch.is_active !== undefined) set.isActive = patch.is_active;
  if (patch.paused_until !== undefined)
    set.pausedUntil = patch.paused_until ? new Date(patch.paused_until) : null;
  const [updated] = await db.batch([
    db.update(modelMappingProviders).set(set).where(eq(modelMappingProviders.id, id)).returning(),
    bumpConfigVersion(db),
  ]);
  return c.json(await withProvider(db, updated[0] as LinkRow));
});

modelProviderRoutes.delete('/:id', async (c) => {
  const db = c.get('db');
  const id = pathId(c, 'model_provider_not_found');
  const [deleted] = await db.batch([
    db
      .delete(modelMappingProviders)
      .where(eq(modelMappingProviders.id, id))
      .returning({ id: modelMappingProviders.id }),
    bumpConfigVersion(db),
  ]);
  if (deleted.length === 0)
    throw new GatewayError('model_provider_not_found', `Model-provider link ${id} not found`);
  return c.body(null, 204);
});
