// Owns building the in-memory routing configuration from its rows: providers (keys decrypted), models, links.
import type { Db } from '../db/client';
import { readRoutingRows } from '../db/queries/routing-config';
import type { LinkRow, ModelRow, ProviderRow } from '../db/schema';
import { findPreset } from '../protocols/catalogue';
import type { LinkConfig, ModelConfig, ProviderConfig, RoutingConfig } from '../routing/types';
import type { Pricing } from '../usage/pricing';
import { decryptProviderKey } from './provider-secrets';

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

/** The proxy's view of a provider row; the key must already be decrypted. */
export function toProviderConfig(row: ProviderRow, apiKey: string | null): ProviderConfig {
  const preset = findPreset(row.protocol);
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.baseUrl,
    protocol: row.protocol,
    implementation: preset?.implementation ?? 'openai',
    reasoning: preset?.reasoning ?? 'openai',
    apiKey,
    extraHeaders: row.extraHeaders ?? {},
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
    providerRules: row.providerRules,
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
    matchingRules: row.matchingRules,
    expectedOutputTokens: row.expectedOutputTokens,
    isActive: row.isActive,
    createdAt: row.createdAt.getTime(),
    links,
  };
}

/** Reads every provider, model and link in one round trip and decrypts provider keys. */
export async function loadRoutingConfig(db: Db, encryptionKey: string): Promise<RoutingConfig> {
  const rows = await readRoutingRows(db);
  const providers = new Map<number, ProviderConfig>();
  for (const row of rows.providers) {
    let key: string | null = null;
    try {
      key = await decryptProviderKey(encryptionKey, row);
    } catch (err) {
      console.error(
        `provider ${row.id}: its API key cannot be decrypted with the current ENCRYPTION_KEY`,
        err,
      );
    }
    providers.set(row.id, toProviderConfig(row, key));
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
