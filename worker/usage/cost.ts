// Owns turning resolved prices and token counts into money: billed cost (rounded) and routing estimates.
import type { PriceSource, PriceTier, ResolvedPrice } from './pricing';
import type { Usage } from './types';

export type TokenCounts = Pick<
  Usage,
  'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'
>;

export interface CostBreakdown {
  /** Regular + cache read + cache write input, USD. */
  inputCost: number;
  outputCost: number;
  /** The cache read + cache write part of `inputCost`. */
  cachedInputCost: number;
  /** `inputCost + outputCost` for token billing; the request/image price otherwise. */
  totalCost: number;
  priceSource: PriceSource;
}

export interface CostContext {
  /** Body `n` on image endpoints. */
  imageCount?: number;
  isImagePath?: boolean;
}

/**
 * Billed cost of a request (reference §7.4). Each component is rounded UP to 4 decimals; the total
 * is the sum of the rounded components so the parts always add up.
 */
export function computeCost(
  resolved: ResolvedPrice,
  usage: TokenCounts,
  ctx: CostContext = {},
): CostBreakdown {
  const zero = { inputCost: 0, outputCost: 0, cachedInputCost: 0, priceSource: resolved.priceSource };
  if (resolved.billingMode === 'per_request') {
    return { ...zero, totalCost: fromUnits(ceilUnits(resolved.perRequestPrice * 1e4)) };
  }
  if (resolved.billingMode === 'per_image') {
    const n = ctx.isImagePath ? imageUnits(ctx.imageCount) : 1;
    return { ...zero, totalCost: fromUnits(ceilUnits(resolved.perImagePrice * n * 1e4)) };
  }
  const t = tokenCosts(resolved, usage);
  // Work in 1e-4 USD units: tokens × (USD per 1M) / 100, so the ceiling is one integer step.
  const input = ceilUnits(t.input / 100);
  const cached = ceilUnits(t.cached / 100);
  const output = ceilUnits(t.output / 100);
  return {
    inputCost: fromUnits(input),
    outputCost: fromUnits(output),
    cachedInputCost: fromUnits(cached),
    totalCost: fromUnits(input + output),
    priceSource: resolved.priceSource,
  };
}

export interface RequestEstimate {
  inputTokens: number;
  expectedOutputTokens: number;
  cacheReadTokens?: number;
  imageCount?: number;
}

/**
 * Estimated USD cost of a request before it is sent, unrounded, for cost-first routing: input,
 * expected output and cache-read prices all count (the reference compared input prices only).
 */
export function estimateRequestCost(resolved: ResolvedPrice, req: RequestEstimate): number {
  if (resolved.billingMode === 'per_request') return resolved.perRequestPrice;
  if (resolved.billingMode === 'per_image') return resolved.perImagePrice * imageUnits(req.imageCount);
  const t = tokenCosts(resolved, {
    inputTokens: req.inputTokens,
    outputTokens: req.expectedOutputTokens,
    cacheReadTokens: req.cacheReadTokens ?? 0,
    cacheWriteTokens: 0,
  });
  return (t.input + t.output) / 1e6;
}

/** The tier that bills `inputTokens`: the first whose max covers it, else the last. */
export function pickTier(tiers: readonly PriceTier[], inputTokens: number): PriceTier | null {
  for (const tier of tiers) {
    if (tier.max_input_tokens === null || inputTokens <= tier.max_input_tokens) return tier;
  }
  return tiers.at(-1) ?? null;
}

/** Token costs in "tokens × USD per 1M" (divide by 1e6 for USD). */
function tokenCosts(p: ResolvedPrice, u: TokenCounts): { input: number; cached: number; output: number } {
  const tier = p.billingMode === 'token_tiered' ? pickTier(p.tiers, u.inputTokens) : null;
  const inputPrice = tier?.input_price ?? p.inputPrice;
  const outputPrice = tier?.output_price ?? p.outputPrice;
  const cachedPrice = tier?.cached_input_price ?? p.cachedInputPrice;
  const creationPrice = tier?.cache_creation_input_price ?? p.cacheCreationInputPrice;
  const input = Math.max(u.inputTokens, 0);
  let read = 0;
  let write = 0;
  if (p.cacheBillingEnabled && (u.cacheReadTokens > 0 || u.cacheWriteTokens > 0)) {
    ({ read, write } = splitCache(input, u.cacheReadTokens, u.cacheWriteTokens));
  }
  const readPrice = cachedPrice ?? inputPrice;
  // The write price falls back to the read price, then the input price (cache pricing review).
  const writePrice = creationPrice ?? cachedPrice ?? inputPrice;
  const cached = read * readPrice + write * writePrice;
  return {
    input: (input - read - write) * inputPrice + cached,
    cached,
    output: Math.max(u.outputTokens, 0) * outputPrice,
  };
}

/** Clamps cache read/write to the input; if they still exceed it, scales both down (floor). */
export function splitCache(
  input: number,
  cacheRead: number,
  cacheWrite: number,
): { read: number; write: number } {
  let read = Math.min(Math.max(cacheRead, 0), input);
  let write = Math.min(Math.max(cacheWrite, 0), input);
  const sum = read + write;
  if (sum > input) {
    read = Math.floor((read * input) / sum);
    write = Math.floor((write * input) / sum);
  }
  return { read, write };
}

/**
 * Ceiling to a whole unit, ignoring floating-point noise: 3 × 0.1 gives 0.30000000000000004, which
 * is 0.3 and must not be billed as 0.3001. Anything more than 1e-12 (relative) above an integer is real.
 */
export function ceilUnits(units: number): number {
  if (!(units > 0) || !Number.isFinite(units)) return 0;
  const nearest = Math.round(units);
  if (Math.abs(units - nearest) <= 1e-12 * Math.max(1, units)) return nearest;
  return Math.ceil(units);
}

/** Rounds a USD amount up to 4 decimals (float-noise safe). */
export function ceil4(usd: number): number {
  return fromUnits(ceilUnits(usd * 1e4));
}

/** max(n, 1) images; a missing, zero or junk `n` bills one. */
function imageUnits(n: number | undefined): number {
  return Math.max(Math.floor(n ?? 1) || 1, 1);
}

function fromUnits(units: number): number {
  return units / 1e4;
}
