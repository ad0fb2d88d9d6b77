// Owns turning resolved prices and token counts into money: billed cost (exact) and routing estimates.
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
 * Billed cost of a request (reference §7.4), exact: nothing is rounded here (a 3-token embedding costs
 * what it costs, not $0.0001), only where a number is shown. The total is the sum of the components.
 */
export function computeCost(
  resolved: ResolvedPrice,
  usage: TokenCounts,
  ctx: CostContext = {},
): CostBreakdown {
  const zero = { inputCost: 0, outputCost: 0, cachedInputCost: 0, priceSource: resolved.priceSource };
  if (resolved.billingMode === 'per_request') {
    return { ...zero, totalCost: nonNegative(resolved.perRequestPrice) };
  }
  if (resolved.billingMode === 'per_image') {
    const n = ctx.isImagePath ? imageUnits(ctx.imageCount) : 1;
    return { ...zero, totalCost: nonNegative(resolved.perImagePrice * n) };
  }
  const t = tokenCosts(resolved, usage);
  const input = nonNegative(t.input / 1e6);
  const output = nonNegative(t.output / 1e6);
  return {
    inputCost: input,
    outputCost: output,
    cachedInputCost: nonNegative(t.cached / 1e6),
    totalCost: input + output,
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

function nonNegative(usd: number): number {
  return usd > 0 && Number.isFinite(usd) ? usd : 0;
}

/** max(n, 1) images; a missing, zero or junk `n` bills one. */
function imageUnits(n: number | undefined): number {
  return Math.max(Math.floor(n ?? 1) || 1, 1);
}
