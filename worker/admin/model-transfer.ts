// Owns GET /api/admin/models/export and POST /api/admin/models/import: models with their links, by provider name.
import { asc, eq } from 'drizzle-orm';
import { Hono } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { bumpConfigVersion } from '../db/queries/config-version';
import { modelMappingProviders, modelMappings, providers } from '../db/schema';
import { usableStoredJson } from '../lib/json-depth';
import { pricingPatch, pricingView, validateBilling } from './billing';
import { cacheColumns, cacheView } from './cache-settings';
import { iso, readBody } from './http';
import { modelLimitsPatch, modelLimitsView } from './key-limits';
import { linkCreateSchema, modelCreateSchema } from './schemas';

export const modelTransferRoutes = new Hono<AppEnv>();

const importedLink = linkCreateSchema.omit({ requested_model: true, provider_id: true }).extend({
  provider_name: z.string().min(1),
});
const importedModel = modelCreateSchema.extend({ providers: z.array(importedLink).max(200).optional() });

/** Every model with its complete configuration: strategy, rules, pricing incl. cache, links and pauses. */
modelTransferRoutes.get('/export', async (c) => {
  const db = c.get('db');
  const [models, links] = await db.batch([
    db.select().from(modelMappings).orderBy(asc(modelMappings.requestedModel)),
    db
      .select({ link: modelMappingProviders, provider: providers.name })
      .from(modelMappingProviders)
      .innerJoin(providers, eq(providers.id, modelMappingProviders.providerId))
      .orderBy(asc(modelMappingProviders.priority), asc(modelMappingProviders.id)),
  ]);
  return c.json(
    models.map((m) => ({
      requested_model: m.requestedModel,
      strategy: m.strategy,
      model_type: m.modelType,
      matching_rules: usableStoredJson(m.matchingRules, `model ${m.requestedModel} matching_rules`),
      capabilities: usableStoredJson(m.capabilities, `model ${m.requestedModel} capabilities`),
      expected_output_tokens: m.expectedOutputTokens,
      ...modelLimitsView(m),
      ...pricingView(m),
      ...cacheView(m),
      is_active: m.isActive,
      providers: links
        .filter((l) => l.link.requestedModel === m.requestedModel)
        .map(({ link, provider }) => ({
          provider_name: provider,
          target_model_name: link.targetModelName,
          provider_rules: usableStoredJson(link.providerRules, `link ${link.id} provider_rules`),
          priority: link.priority,
          weight: link.weight,
          ...pricingView(link),
          is_active: link.isActive,
          paused_until: iso(link.pausedUntil),
        })),
    })),
  );
});

/** Creates each model whose name is new, with its links; unknown provider names are reported, not guessed. */
modelTransferRoutes.post('/import', async (c) => {
  const db = c.get('db');
  const items = await readBody(c, importedModel.array().max(500));
  const known = new Map(
    (await db.select({ id: providers.id, name: providers.name }).from(providers)).map((p) => [p.name, p.id]),
  );
  const existing = new Set(
    (await db.select({ m: modelMappings.requestedModel }).from(modelMappings)).map((r) => r.m),
  );
  const created: string[] = [];
  const skipped: string[] = [];
  const errors: { requested_model: string; message: string }[] = [];
  for (const item of items) {
    if (existing.has(item.requested_model)) {
      skipped.push(item.requested_model);
      continue;
    }
    const missing = (item.providers ?? [])
      .filter((l) => !known.has(l.provider_name))
      .map((l) => l.provider_name);
    if (missing.length > 0) {
      errors.push({
        requested_model: item.requested_model,
        message: `unknown provider(s): ${missing.join(', ')}`,
      });
      continue;
    }
    try {
      const pricing = pricingPatch(item);
      validateBilling(pricing, false);
      const linkRows = (item.providers ?? []).map((l) => {
        const linkPricing = pricingPatch(l);
        validateBilling(linkPricing, true);
        return {
          requestedModel: item.requested_model,
          providerId: known.get(l.provider_name) as number,
          targetModelName: l.target_model_name,
          providerRules: l.provider_rules ?? null,
          priority: l.priority ?? 0,
          weight: l.weight ?? 1,
          ...linkPricing,
          isActive: l.is_active ?? true,
          pausedUntil: l.paused_until ? new Date(l.paused_until) : null,
        };
      });
      const model = db.insert(modelMappings).values({
        requestedModel: item.requested_model,
        strategy: item.strategy ?? 'round_robin',
        modelType: item.model_type ?? 'chat',
        matchingRules: item.matching_rules ?? null,
        capabilities: item.capabilities ?? null,
        expectedOutputTokens: item.expected_output_tokens ?? null,
        ...modelLimitsPatch(item),
        ...pricing,
        ...cacheColumns(item),
        isActive: item.is_active ?? true,
      });
      const inserts = linkRows.map((row) => db.insert(modelMappingProviders).values(row));
      await db.batch([model, ...inserts, bumpConfigVersion(db)]);
      created.push(item.requested_model);
      existing.add(item.requested_model);
    } catch (err) {
      errors.push({
        requested_model: item.requested_model,
        message: err instanceof Error ? err.message : 'failed',
      });
    }
  }
  return c.json({ success: created.length, created, skipped, errors });
});
