import { describe, expect, it } from 'vitest';
import type { Pricing } from '../../../worker/routing/types';
import { resolvePrice, sortTiers } from '../../../worker/usage/pricing';

const none: Pricing = {
  billingMode: null,
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
const p = (over: Partial<Pricing>): Pricing => ({ ...none, ...over });

describe('resolvePrice — precedence', () => {
  it('ignores every link price when the link inherits the model default', () => {
    const link = p({
      billingMode: 'inherit_model_default',
      inputPrice: 99,
      outputPrice: 99,
      cacheBillingEnabled: true,
      cachedInputPrice: 9,
    });
    const model = p({ billingMode: 'token_flat', inputPrice: 1, outputPrice: 2 });
    expect(resolvePrice(link, model)).toMatchObject({
      billingMode: 'token_flat',
      inputPrice: 1,
      outputPrice: 2,
      cacheBillingEnabled: false,
      cachedInputPrice: null,
      priceSource: 'ModelFallback',
    });
  });

  it('inheriting link + model without a mode falls to the legacy flat prices of the model only', () => {
    const link = p({ billingMode: 'inherit_model_default', inputPrice: 99 });
    expect(resolvePrice(link, p({ inputPrice: 3 }))).toMatchObject({
      inputPrice: 3,
      outputPrice: 0,
      priceSource: 'ModelFallback',
    });
  });

  it('uses the link mode and prices, cache fields included, when the link has its own mode', () => {
    const link = p({
      billingMode: 'token_flat',
      inputPrice: 5,
      outputPrice: 15,
      cacheBillingEnabled: true,
      cachedInputPrice: 0.5,
      cacheCreationInputPrice: 6.25,
    });
    const model = p({ billingMode: 'token_flat', inputPrice: 1, outputPrice: 1, cachedInputPrice: 0.1 });
    expect(resolvePrice(link, model)).toMatchObject({
      billingMode: 'token_flat',
      inputPrice: 5,
      outputPrice: 15,
      cacheBillingEnabled: true,
      cachedInputPrice: 0.5,
      cacheCreationInputPrice: 6.25,
      priceSource: 'SupplierOverride',
    });
  });

  it('an explicit link mode with unset prices bills 0, it does not borrow the model prices', () => {
    const resolved = resolvePrice(
      p({ billingMode: 'token_flat' }),
      p({ billingMode: 'token_flat', inputPrice: 1 }),
    );
    expect(resolved).toMatchObject({ inputPrice: 0, outputPrice: 0, priceSource: 'SupplierOverride' });
  });

  it('falls back to the model mode and prices when the link has no mode', () => {
    const model = p({
      billingMode: 'per_request',
      perRequestPrice: 0.02,
      cacheBillingEnabled: true,
      cachedInputPrice: 0.3,
    });
    expect(resolvePrice(p({ inputPrice: 7 }), model)).toMatchObject({
      billingMode: 'per_request',
      perRequestPrice: 0.02,
      cacheBillingEnabled: true,
      cachedInputPrice: 0.3,
      priceSource: 'ModelFallback',
    });
  });

  it('resolves a model mode when there is no link at all', () => {
    expect(resolvePrice(null, p({ billingMode: 'per_image', perImagePrice: 0.04 }))).toMatchObject({
      billingMode: 'per_image',
      perImagePrice: 0.04,
      priceSource: 'ModelFallback',
    });
  });
});

describe('resolvePrice — legacy flat fallback', () => {
  it('takes each direction from the link, then the model, then 0 (SupplierOverride when any link price is set)', () => {
    const resolved = resolvePrice(p({ inputPrice: 4 }), p({ inputPrice: 1, outputPrice: 2 }));
    expect(resolved).toMatchObject({
      billingMode: 'token_flat',
      inputPrice: 4,
      outputPrice: 2,
      priceSource: 'SupplierOverride',
    });
  });

  it('is ModelFallback when only the model has prices', () => {
    expect(resolvePrice(p({}), p({ outputPrice: 2 }))).toMatchObject({
      inputPrice: 0,
      outputPrice: 2,
      priceSource: 'ModelFallback',
    });
  });

  it('is DefaultZero when nobody has a price', () => {
    expect(resolvePrice(p({}), p({}))).toMatchObject({
      inputPrice: 0,
      outputPrice: 0,
      priceSource: 'DefaultZero',
    });
    expect(resolvePrice(null, p({}))).toMatchObject({ priceSource: 'DefaultZero' });
  });

  it('takes cache billing from the link when its flag is on, else from the model when its flag is on', () => {
    const linkCache = p({ cacheBillingEnabled: true, cachedInputPrice: 0.2, cacheCreationInputPrice: 1.5 });
    const modelCache = p({ inputPrice: 1, cacheBillingEnabled: true, cachedInputPrice: 0.1 });
    expect(resolvePrice(linkCache, modelCache)).toMatchObject({
      cacheBillingEnabled: true,
      cachedInputPrice: 0.2,
      cacheCreationInputPrice: 1.5,
    });
    expect(resolvePrice(p({ cachedInputPrice: 0.2 }), modelCache)).toMatchObject({
      cacheBillingEnabled: true,
      cachedInputPrice: 0.1,
    });
    expect(resolvePrice(p({}), p({ cachedInputPrice: 0.1 }))).toMatchObject({
      cacheBillingEnabled: false,
      cachedInputPrice: null,
    });
  });
});

describe('sortTiers', () => {
  it('sorts by max_input_tokens with unbounded tiers last, without touching the input', () => {
    const tiers = [
      { max_input_tokens: null, input_price: 3, output_price: 3 },
      { max_input_tokens: 200_000, input_price: 2, output_price: 2 },
      { max_input_tokens: 32_000, input_price: 1, output_price: 1 },
    ];
    const copy = structuredClone(tiers);
    expect(sortTiers(tiers).map((t) => t.max_input_tokens)).toEqual([32_000, 200_000, null]);
    expect(tiers).toEqual(copy);
    expect(
      resolvePrice(null, p({ billingMode: 'token_tiered', tieredPricing: tiers })).tiers[0]?.input_price,
    ).toBe(1);
  });
});
