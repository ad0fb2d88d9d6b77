// Owns the pricing columns shared by model mappings and their provider links.
import { integer, real, text } from 'drizzle-orm/sqlite-core';
import type { BillingMode, PriceTier } from '../../usage/pricing';

/** Pricing columns; a fresh object per table so drizzle builders are not shared. */
export function pricingColumns() {
  return {
    billingMode: text('billing_mode').$type<BillingMode>(),
    inputPrice: real('input_price'),
    outputPrice: real('output_price'),
    perRequestPrice: real('per_request_price'),
    perImagePrice: real('per_image_price'),
    tieredPricing: text('tiered_pricing', { mode: 'json' }).$type<PriceTier[]>(),
    cacheBillingEnabled: integer('cache_billing_enabled', { mode: 'boolean' }).notNull().default(false),
    cachedInputPrice: real('cached_input_price'),
    cachedOutputPrice: real('cached_output_price'),
    cacheCreationInputPrice: real('cache_creation_input_price'),
  };
}
