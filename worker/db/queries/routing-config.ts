// Owns loading the whole routing configuration from D1 into the in-memory shape the proxy uses.
import { decryptProviderKey } from '../../admin/provider-view';
import { findPreset } from '../../protocols/catalogue';
import type { LinkConfig, ModelConfig, Pricing, ProviderConfig } from '../../routing/types';
import type { Db } from '../client';
import {
  configVersion,
  type LinkRow,
  type ModelRow,
  modelMappingProviders,
  modelMappings,
  type ProviderRow,
  providers,
} from '../schema';

export interface RoutingConfig {
  version: number;
  providers: Map<number, ProviderConfig>;
  models: Map<string, ModelConfig>;
}

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

export function toLinkConfig(row: LinkRow): LinkConfig {
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

export function toModelConfig(row: ModelRow, links: LinkConfig[]): ModelConfig {
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

/** Reads every provider, model and link (three queries in one batch) and decrypts provider keys. */
export async function loadRoutingConfig(db: Db, encryptionKey: string): Promise<RoutingConfig> {
  // One round trip; the version is read in the same batch so it never runs ahead of the data.
  const [versionRows, providerRows, modelRows, linkRows] = await db.batch([
    db.select({ v: configVersion.version }).from(configVersion),
    db.select().from(providers),
    db.select().from(modelMappings),
    db.select().from(modelMappingProviders),
  ]);
  const providerMap = new Map<number, ProviderConfig>();
  for (const row of providerRows) {
    let key: string | null = null;
    try {
      key = await decryptProviderKey(encryptionKey, row);
    } catch (err) {
      console.error(
        `provider ${row.id}: its API key cannot be decrypted with the current ENCRYPTION_KEY`,
        err,
      );
    }
    providerMap.set(row.id, toProviderConfig(row, key));
  }
  const linksByModel = new Map<string, LinkConfig[]>();
  for (const row of linkRows) {
    const list = linksByModel.get(row.requestedModel) ?? [];
    list.push(toLinkConfig(row));
    linksByModel.set(row.requestedModel, list);
  }
  const models = new Map<string, ModelConfig>();
  for (const row of modelRows) {
    models.set(row.requestedModel, toModelConfig(row, linksByModel.get(row.requestedModel) ?? []));
  }
  return { version: versionRows[0]?.v ?? 0, providers: providerMap, models };
}
