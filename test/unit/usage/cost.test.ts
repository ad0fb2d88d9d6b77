import { describe, expect, it } from 'vitest';
import type { Pricing } from '../../../worker/routing/types';
import { computeCost, estimateRequestCost, pickTier, splitCache } from '../../../worker/usage/cost';
import type { PriceTier } from '../../../worker/usage/pricing';
import { type ResolvedPrice, resolvePrice } from '../../../worker/usage/pricing';

const base: Pricing = {
  billingMode: 'token_flat',
  inputPrice: null,
  outputPrice: null,
  perRequestPrice: null,
  perImagePrice: null,
  tieredPricing: null,
  cacheBillingEnabled: false,
  cachedInputPrice: null,
  cachedOutputPrice: null,
  cacheCreationInputPrice: null,
};
const price = (over: Partial<Pricing>): ResolvedPrice => resolvePrice(null, { ...base, ...over });
const usage = (inputTokens: number, outputTokens = 0, cacheReadTokens = 0, cacheWriteTokens = 0) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

describe('computeCost — billing modes', () => {
  it('per_request bills the request price only, exactly', () => {
    expect(
      computeCost(price({ billingMode: 'per_request', perRequestPrice: 0.00015 }), usage(1e6, 1e6)),
    ).toEqual({
      inputCost: 0,
      outputCost: 0,
      cachedInputCost: 0,
      totalCost: 0.00015,
      priceSource: 'ModelFallback',
    });
  });

  it('per_image bills price × max(n, 1) on image paths and once elsewhere', () => {
    const p = price({ billingMode: 'per_image', perImagePrice: 0.04 });
    expect(computeCost(p, usage(0), { isImagePath: true, imageCount: 3 }).totalCost).toBe(0.12);
    expect(computeCost(p, usage(0), { isImagePath: true, imageCount: 0 }).totalCost).toBe(0.04);
    expect(computeCost(p, usage(0), { isImagePath: true }).totalCost).toBe(0.04);
    expect(computeCost(p, usage(0), { isImagePath: false, imageCount: 5 }).totalCost).toBe(0.04);
    expect(computeCost(p, usage(0), { isImagePath: true, imageCount: Number.NaN }).totalCost).toBe(0.04);
  });

  it('token_flat bills input and output per million tokens', () => {
    expect(computeCost(price({ inputPrice: 3, outputPrice: 15 }), usage(1000, 500))).toEqual({
      inputCost: 0.003,
      outputCost: 0.0075,
      cachedInputCost: 0,
      totalCost: expect.closeTo(0.0105, 15),
      priceSource: 'ModelFallback',
    });
  });
});

describe('computeCost — token_tiered', () => {
  const tiers: PriceTier[] = [
    { max_input_tokens: null, input_price: 10, output_price: 20 },
    { max_input_tokens: 1000, input_price: 1, output_price: 2 },
    { max_input_tokens: 100, input_price: 0.5, output_price: 0.5 },
  ];
  const tiered = price({ billingMode: 'token_tiered', tieredPricing: tiers });

  it.each([
    [1, 0.5],
    [100, 0.5],
    [101, 1],
    [1000, 1],
    [1001, 10],
  ])('bills %i input tokens at the tier priced %d (whole request, not marginal)', (input, expected) => {
    expect(pickTier(tiered.tiers, input)?.input_price).toBe(expected);
  });

  it('bills input and output of the whole request at the chosen tier', () => {
    expect(computeCost(tiered, usage(2_000_000, 1_000_000))).toMatchObject({
      inputCost: 20,
      outputCost: 20,
      totalCost: 40,
    });
    expect(computeCost(tiered, usage(1000, 1_000_000))).toMatchObject({
      inputCost: 0.001,
      outputCost: 2,
      totalCost: 2.001,
    });
  });

  it('uses the last tier when no tier is unbounded and the input exceeds them all', () => {
    const bounded = price({ billingMode: 'token_tiered', tieredPricing: tiers.slice(1) });
    expect(pickTier(bounded.tiers, 5000)?.input_price).toBe(1);
  });

  it('lets per-tier cache prices override the global ones', () => {
    const withCache = price({
      billingMode: 'token_tiered',
      cacheBillingEnabled: true,
      cachedInputPrice: 0.5,
      cacheCreationInputPrice: 2,
      tieredPricing: [
        { max_input_tokens: 10, input_price: 1, output_price: 1 },
        {
          max_input_tokens: null,
          input_price: 4,
          output_price: 4,
          cached_input_price: 0.4,
          cache_creation_input_price: 5,
        },
      ],
    });
    // 1M input = 500k read @0.4 + 250k write @5 + 250k regular @4.
    expect(computeCost(withCache, usage(1_000_000, 0, 500_000, 250_000))).toMatchObject({
      inputCost: 2.45,
      cachedInputCost: 1.45,
    });
  });

  it('falls back to the flat prices when a tiered price has no tiers', () => {
    expect(
      computeCost(price({ billingMode: 'token_tiered', inputPrice: 2 }), usage(1_000_000)).inputCost,
    ).toBe(2);
  });
});

describe('computeCost — cache read/write', () => {
  const cached = (over: Partial<Pricing>) =>
    price({
      inputPrice: 3,
      outputPrice: 15,
      cacheBillingEnabled: true,
      cachedInputPrice: 0.3,
      cacheCreationInputPrice: 3.75,
      ...over,
    });

  it('splits input into regular, cache read and cache write, each at its price', () => {
    // 200k regular @3 = 0.6, 600k read @0.3 = 0.18, 200k write @3.75 = 0.75.
    expect(computeCost(cached({}), usage(1_000_000, 0, 600_000, 200_000))).toMatchObject({
      inputCost: 1.53,
      cachedInputCost: 0.93,
      totalCost: 1.53,
    });
  });

  it('prices cache writes at the read price when there is no write price', () => {
    expect(
      computeCost(cached({ cacheCreationInputPrice: null }), usage(1_000_000, 0, 600_000, 200_000)).inputCost,
    ).toBe(0.84);
  });

  it('prices cache reads and writes at the input price when there are no cache prices', () => {
    const none = cached({ cacheCreationInputPrice: null, cachedInputPrice: null });
    expect(computeCost(none, usage(1_000_000, 0, 600_000, 200_000))).toMatchObject({
      inputCost: 3,
      cachedInputCost: 2.4,
    });
  });

  it('prices reads at the input price when only a write price is set', () => {
    expect(
      computeCost(cached({ cachedInputPrice: null }), usage(1_000_000, 0, 600_000, 200_000)).inputCost,
    ).toBe(3.15);
  });

  it('bills every input token at the input price when cache billing is off', () => {
    expect(
      computeCost(cached({ cacheBillingEnabled: false }), usage(1_000_000, 0, 600_000, 200_000)),
    ).toMatchObject({
      inputCost: 3,
      cachedInputCost: 0,
    });
  });

  it('scales read and write down proportionally (floor) when together they exceed the input', () => {
    expect(splitCache(100, 90, 60)).toEqual({ read: 60, write: 40 });
    expect(splitCache(100, 500, 0)).toEqual({ read: 100, write: 0 });
    expect(splitCache(10, 7, 7)).toEqual({ read: 5, write: 5 });
    // 600k read @0.3 + 400k write @3.75, no regular tokens.
    expect(computeCost(cached({}), usage(1_000_000, 0, 900_000, 600_000))).toMatchObject({
      inputCost: 1.68,
      cachedInputCost: 1.68,
    });
  });
});

describe('computeCost — exact, never rounded up (SPEC §14)', () => {
  it('bills 1 token at $1/1M as $0.000001, not $0.0001', () => {
    expect(computeCost(price({ inputPrice: 1, outputPrice: 1 }), usage(1, 1))).toMatchObject({
      inputCost: 0.000001,
      outputCost: 0.000001,
      totalCost: 0.000002,
    });
    expect(computeCost(price({ inputPrice: 0.01 }), usage(1)).inputCost).toBeCloseTo(1e-8, 20);
    expect(computeCost(price({ inputPrice: 1 }), usage(1234)).inputCost).toBeCloseTo(0.001234, 15);
  });

  it('prices a 3-token embedding at its price, not ~1,600 times it', () => {
    const c = computeCost(price({ inputPrice: 0.02 }), usage(3));
    expect(c.totalCost).toBeCloseTo(6e-8, 20);
    expect(computeCost(price({ inputPrice: 0.1 }), usage(3_000_000)).inputCost).toBeCloseTo(0.3, 12);
  });

  it('keeps the total equal to the sum of the parts', () => {
    const c = computeCost(price({ inputPrice: 1, outputPrice: 1 }), usage(50, 50));
    expect(c.totalCost).toBe(c.inputCost + c.outputCost);
  });

  it('costs 0 with zero prices (DefaultZero)', () => {
    expect(computeCost(resolvePrice(null, { ...base, billingMode: null }), usage(1000, 1000))).toEqual({
      inputCost: 0,
      outputCost: 0,
      cachedInputCost: 0,
      totalCost: 0,
      priceSource: 'DefaultZero',
    });
  });
});

describe('estimateRequestCost', () => {
  it('includes expected output and cache-read prices, unrounded', () => {
    const p = price({ inputPrice: 3, outputPrice: 15, cacheBillingEnabled: true, cachedInputPrice: 0.3 });
    // 400 regular @3 + 600 read @0.3 + 500 output @15 = 8880 → $0.00888.
    expect(
      estimateRequestCost(p, { inputTokens: 1000, expectedOutputTokens: 500, cacheReadTokens: 600 }),
    ).toBeCloseTo(0.00888, 12);
  });

  it('ranks a cheap-input, expensive-output provider behind a balanced one when output dominates', () => {
    const cheapInput = price({ inputPrice: 0.5, outputPrice: 30 });
    const balanced = price({ inputPrice: 2, outputPrice: 8 });
    const req = { inputTokens: 1000, expectedOutputTokens: 1000 };
    expect(estimateRequestCost(balanced, req)).toBeLessThan(estimateRequestCost(cheapInput, req));
  });

  it('uses the tier chosen by input tokens', () => {
    const tiered = price({
      billingMode: 'token_tiered',
      tieredPricing: [
        { max_input_tokens: 1000, input_price: 1, output_price: 1 },
        { max_input_tokens: null, input_price: 2, output_price: 2 },
      ],
    });
    expect(estimateRequestCost(tiered, { inputTokens: 2000, expectedOutputTokens: 1000 })).toBeCloseTo(
      0.006,
      12,
    );
  });

  it('returns the request price or image price × count for those modes', () => {
    expect(
      estimateRequestCost(price({ billingMode: 'per_request', perRequestPrice: 0.01 }), {
        inputTokens: 9,
        expectedOutputTokens: 9,
      }),
    ).toBe(0.01);
    expect(
      estimateRequestCost(price({ billingMode: 'per_image', perImagePrice: 0.04 }), {
        inputTokens: 0,
        expectedOutputTokens: 0,
        imageCount: 2,
      }),
    ).toBe(0.08);
  });
});
