// Owns prices: the pricing vocabulary, and which of a link's or a model's prices bill a request, and why.

/** One tier of `token_tiered` billing; prices are USD per 1M tokens. */
export interface PriceTier {
  max_input_tokens: number | null;
  input_price: number;
  output_price: number;
  cached_input_price?: number | null;
  cached_output_price?: number | null;
  cache_creation_input_price?: number | null;
}

export type BillingMode =
  | 'token_flat'
  | 'token_tiered'
  | 'per_request'
  | 'per_image'
  | 'inherit_model_default';

/** Pricing fields shared by a model and a link (USD per 1M tokens unless per request/image). */
export interface Pricing {
  billingMode: BillingMode | null;
  inputPrice: number | null;
  outputPrice: number | null;
  perRequestPrice: number | null;
  perImagePrice: number | null;
  tieredPricing: PriceTier[] | null;
  cacheBillingEnabled: boolean;
  cachedInputPrice: number | null;
  cachedOutputPrice: number | null;
  cacheCreationInputPrice: number | null;
}

/** Why a request was billed at the prices it was (recorded on the log). */
export type PriceSource = 'SupplierOverride' | 'ModelFallback' | 'DefaultZero';

/** A billing mode that actually bills (`inherit_model_default` is resolved away). */
export type EffectiveBillingMode = Exclude<BillingMode, 'inherit_model_default'>;

/** The prices that bill a request; USD per 1M tokens, or per request/image. */
export interface ResolvedPrice {
  billingMode: EffectiveBillingMode;
  inputPrice: number;
  outputPrice: number;
  perRequestPrice: number;
  perImagePrice: number;
  /** Sorted by `max_input_tokens` ascending, unbounded (null) tiers last. */
  tiers: PriceTier[];
  cacheBillingEnabled: boolean;
  cachedInputPrice: number | null;
  cachedOutputPrice: number | null;
  cacheCreationInputPrice: number | null;
  priceSource: PriceSource;
}

/**
 * Resolves the prices of a request served through `link` of `model` (reference §7.3):
 * 1. link `inherit_model_default` → the link's prices are ignored;
 * 2. link with its own billing mode → the link's prices (`SupplierOverride`);
 * 3. model with a billing mode → the model's prices (`ModelFallback`);
 * 4. legacy flat: per direction link → model → 0, cache from whichever has cache billing on.
 */
export function resolvePrice(link: Pricing | null, model: Pricing): ResolvedPrice {
  const linkPrices = link && link.billingMode !== 'inherit_model_default' ? link : null;
  const linkMode = effectiveMode(linkPrices?.billingMode);
  if (linkPrices && linkMode) return fromOwnMode(linkPrices, linkMode, 'SupplierOverride');
  const modelMode = effectiveMode(model.billingMode);
  if (modelMode) return fromOwnMode(model, modelMode, 'ModelFallback');
  return legacyFlat(linkPrices, model);
}

function effectiveMode(mode: BillingMode | null | undefined): EffectiveBillingMode | null {
  return mode && mode !== 'inherit_model_default' ? mode : null;
}

function fromOwnMode(p: Pricing, mode: EffectiveBillingMode, priceSource: PriceSource): ResolvedPrice {
  return {
    billingMode: mode,
    inputPrice: p.inputPrice ?? 0,
    outputPrice: p.outputPrice ?? 0,
    perRequestPrice: p.perRequestPrice ?? 0,
    perImagePrice: p.perImagePrice ?? 0,
    tiers: sortTiers(p.tieredPricing),
    cacheBillingEnabled: p.cacheBillingEnabled,
    cachedInputPrice: p.cachedInputPrice,
    cachedOutputPrice: p.cachedOutputPrice,
    cacheCreationInputPrice: p.cacheCreationInputPrice,
    priceSource,
  };
}

function legacyFlat(link: Pricing | null, model: Pricing): ResolvedPrice {
  const linkSet = link !== null && (link.inputPrice !== null || link.outputPrice !== null);
  const modelSet = model.inputPrice !== null || model.outputPrice !== null;
  const cache = link?.cacheBillingEnabled ? link : model.cacheBillingEnabled ? model : null;
  return {
    billingMode: 'token_flat',
    inputPrice: link?.inputPrice ?? model.inputPrice ?? 0,
    outputPrice: link?.outputPrice ?? model.outputPrice ?? 0,
    perRequestPrice: 0,
    perImagePrice: 0,
    tiers: [],
    cacheBillingEnabled: cache !== null,
    cachedInputPrice: cache?.cachedInputPrice ?? null,
    cachedOutputPrice: cache?.cachedOutputPrice ?? null,
    cacheCreationInputPrice: cache?.cacheCreationInputPrice ?? null,
    priceSource: linkSet ? 'SupplierOverride' : modelSet ? 'ModelFallback' : 'DefaultZero',
  };
}

/** Tiers ascending by `max_input_tokens`, unbounded ones last; a copy, the input is not touched. */
export function sortTiers(tiers: readonly PriceTier[] | null): PriceTier[] {
  if (!tiers) return [];
  return [...tiers].sort((a, b) => {
    if (a.max_input_tokens === b.max_input_tokens) return 0;
    if (a.max_input_tokens === null) return 1;
    if (b.max_input_tokens === null) return -1;
    return a.max_input_tokens - b.max_input_tokens;
  });
}
