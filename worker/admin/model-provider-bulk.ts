// Owns bulk changes to links: renaming a provider's target model everywhere, and the pricing history used to pre-fill prices.
import { and, desc, eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { bumpConfigVersion } from '../db/queries/config-version';
import { modelMappingProviders, modelMappings, providers } from '../db/schema';
import { GatewayError } from '../errors';
import { resolvePrice } from '../usage/pricing';
import { pricingPatch, validateBilling } from './billing';
import { readBody } from './http';
import { linkCreateSchema } from './schemas';

export const modelProviderBulkRoutes = new Hono<AppEnv>();

const bulkSchema = linkCreateSchema
  .pick({
    billing_mode: true,
    input_price: true,
    output_price: true,
    per_request_price: true,
    per_image_price: true,
    tiered_pricing: true,
    cache_billing_enabled: true,
    cached_input_price: true,
    cached_output_price: true,
    cache_creation_input_price: true,
  })
  .extend({
    provider_id: z.number().int().positive(),
    current_target_model_name: z.string().trim().min(1),
    new_target_model_name: z.string().trim().min(1).max(200),
  });

const sameTarget = (name: string) =>
  sql`lower(trim(${modelMappingProviders.targetModelName})) = ${name.trim().toLowerCase()}`;

/** Renames a provider's target model on every link that uses it, optionally repricing them (cache prices too). */
modelProviderBulkRoutes.post('/bulk-upgrade', async (c) => {
  const db = c.get('db');
  const input = await readBody(c, bulkSchema);
  const pricing = pricingPatch(input);
  if (Object.keys(pricing).length > 0) validateBilling(pricing, true);
  const where = and(
    eq(modelMappingProviders.providerId, input.provider_id),
    sameTarget(input.current_target_model_name),
  );
  const [updated] = await db.batch([
    db
      .update(modelMappingProviders)
      .set({ targetModelName: input.new_target_model_name, ...pricing, updatedAt: new Date() })
      .where(where)
      .returning({ id: modelMappingProviders.id, requested_model: modelMappingProviders.requestedModel }),
    bumpConfigVersion(db),
  ]);
  if (updated.length === 0) {
    throw new GatewayError('model_provider_not_found', 'No link of this provider uses that target model');
  }
  return c.json({ updated_count: updated.length, links: updated });
});

/** The latest link per provider for a target model, with its prices resolved against its model. */
modelProviderBulkRoutes.get('/pricing-history', async (c) => {
  const target = c.req.query('target_model_name')?.trim();
  if (!target)
    throw new GatewayError('validation_error', 'target_model_name is required', {
      param: 'target_model_name',
    });
  const rows = await c
    .get('db')
    .select({ link: modelMappingProviders, model: modelMappings, provider: providers.name })
    .from(modelMappingProviders)
    .innerJoin(modelMappings, eq(modelMappings.requestedModel, modelMappingProviders.requestedModel))
    .innerJoin(providers, eq(providers.id, modelMappingProviders.providerId))
    .where(sameTarget(target))
    .orderBy(desc(modelMappingProviders.updatedAt))
    .limit(200);
  const seen = new Set<number>();
  const items = [];
  for (const { link, model, provider } of rows) {
    if (seen.has(link.providerId)) continue;
    seen.add(link.providerId);
    const price = resolvePrice(link, model);
    items.push({
      link_id: link.id,
      provider_id: link.providerId,
      provider_name: provider,
      requested_model: link.requestedModel,
      target_model_name: link.targetModelName,
      updated_at: link.updatedAt.toISOString(),
      resolved_billing_mode: price.billingMode,
      resolved_input_price: price.inputPrice,
      resolved_output_price: price.outputPrice,
      resolved_per_request_price: price.perRequestPrice,
      resolved_per_image_price: price.perImagePrice,
      resolved_tiered_pricing: price.tiers,
      resolved_cache_billing_enabled: price.cacheBillingEnabled,
      resolved_cached_input_price: price.cachedInputPrice,
      resolved_cache_creation_input_price: price.cacheCreationInputPrice,
      price_source: price.priceSource,
    });
  }
  return c.json({ items });
});
