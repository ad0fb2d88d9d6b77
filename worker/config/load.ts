// Owns building the in-memory routing configuration from its rows: providers (keys decrypted), models, links.
import type { Db } from '../db/client';
import { readRoutingRows } from '../db/queries/routing-config';
import type { LinkRow, ModelRow, ProviderRow } from '../db/schema';
import { usableStoredJson } from '../lib/json-depth';
import { findPreset } from '../protocols/catalogue';
import type { LinkConfig, ModelConfig, ProviderConfig, RoutingConfig, RuleSet } from '../routing/types';
import type { Pricing } from '../usage/pricing';
import { decryptProviderSecrets, type ProviderSecrets, secretValues } from './provider-secrets';

/** What an unreadable stored rule set becomes: a restriction never silently turns into "match all". */
const MATCHES_NOTHING: RuleSet = { rules: [{ field: 'model', operator: 'exists', value: false }] };

function pricingOf(row: ModelRow | LinkRow): Pricing {
  return {
    billingMode: row.billingMode,
    inputPrice: row.inputPrice,
    outputPrice: row.outputPrice,
    perRequestPrice: row.perRequestPrice,
    perImagePrice: row.perImagePrice,
    tieredPricing: row.tieredPricing,
    cacheBillingEnabled: row.cacheBillingEnabled,
    cachedInputPrice: row.cachedInputPrice,
    cachedOutputPrice: row.cachedOutputPrice,
    cacheCreationInputPrice: row.cacheCreationInputPrice,
  };
}

/** The proxy's view of a provider row, with its secrets already decrypted. */
export function toProviderConfig(row: ProviderRow, secrets: ProviderSecrets): ProviderConfig {
  const preset = findPreset(row.protocol);
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.baseUrl,
    protocol: row.protocol,
    implementation: preset?.implementation ?? 'openai',
    reasoning: preset?.reasoning ?? 'openai',
    apiKey: secrets.apiKey,
    secrets: secretValues(secrets),
    extraHeaders: secrets.extraHeaders,
    options: row.providerOptions ?? {},
    responseTimeoutMs: row.responseTimeoutSeconds * 1000,
    isActive: row.isActive,
  };
}

function toLinkConfig(row: LinkRow): LinkConfig {
  return {
    ...pricingOf(row),
    id: row.id,
    requestedModel: row.requestedModel,
    providerId: row.providerId,
    targetModelName: row.targetModelName,
    providerRules: usableStoredJson(row.providerRules, `link ${row.id} provider_rules`, MATCHES_NOTHING),
    priority: row.priority,
    weight: row.weight,
    isActive: row.isActive,
    pausedUntil: row.pausedUntil ? row.pausedUntil.getTime() : null,
  };
}

function toModelConfig(row: ModelRow, links: LinkConfig[]): ModelConfig {
  return {
    ...pricingOf(row),
    requestedModel: row.requestedModel,
    strategy: row.strategy,
    modelType: row.modelType,
    matchingRules: usableStoredJson(
      row.matchingRules,
      `model ${row.requestedModel} matching_rules`,
      MATCHES_NOTHING,
    ),
    expectedOutputTokens: row.expectedOutputTokens,
    cache: { ttlSeconds: row.cacheTtlSeconds, scope: row.cacheScope, generation: row.cacheGeneration },
    rpmLimit: row.rpmLimit,
    tpmLimit: row.tpmLimit,
    isActive: row.isActive,
    createdAt: row.createdAt.getTime(),
    links,
  };
}

/** Reads every provider, model and link in one round trip and decrypts provider secrets. */
export async function loadRoutingConfig(db: Db, encryptionKey: string): Promise<RoutingConfig> {
  const rows = await readRoutingRows(db);
  const providers = new Map<number, ProviderConfig>();
  for (const row of rows.providers) {
    providers.set(row.id, toProviderConfig(row, await decryptProviderSecrets(encryptionKey, row)));
  }
  const linksByModel = new Map<string, LinkConfig[]>();
  for (const row of rows.links) {
    const list = linksByModel.get(row.requestedModel) ?? [];
    list.push(toLinkConfig(row));
    linksByModel.set(row.requestedModel, list);
  }
  const models = new Map<string, ModelConfig>();
  for (const row of rows.models) {
    models.set(row.requestedModel, toModelConfig(row, linksByModel.get(row.requestedModel) ?? []));
  }
  return { version: rows.version, providers, models };
}
