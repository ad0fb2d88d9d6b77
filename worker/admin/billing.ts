// Owns billing validation for models and links, and the pricing fields' mapping between API and rows.

import { GatewayError } from '../errors';
import type { Pricing } from '../routing/types';
import type { BillingMode, PriceTier } from '../usage/pricing';

export interface PricingInput {
  billing_mode?: BillingMode | null;
  input_price?: number | null;
  output_price?: number | null;
  per_request_price?: number | null;
  per_image_price?: number | null;
  tiered_pricing?: PriceTier[] | null;
  cache_billing_enabled?: boolean | null;
  cached_input_price?: number | null;
  cached_output_price?: number | null;
  cache_creation_input_price?: number | null;
}

/** The pricing columns of a model or link row, in the shape the router uses too. */
export type PricingRow = Pricing;

/** The row fields set by a (partial) pricing input; absent keys are left out. */
export function pricingPatch(input: PricingInput): Partial<PricingRow> {
  const out: Partial<PricingRow> = {};
  if (input.billing_mode !== undefined) out.billingMode = input.billing_mode;
  if (input.input_price !== undefined) out.inputPrice = input.input_price;
  if (input.output_price !== undefined) out.outputPrice = input.output_price;
  if (input.per_request_price !== undefined) out.perRequestPrice = input.per_request_price;
  if (input.per_image_price !== undefined) out.perImagePrice = input.per_image_price;
  if (input.tiered_pricing !== undefined) out.tieredPricing = input.tiered_pricing;
  if (input.cache_billing_enabled !== undefined)
    out.cacheBillingEnabled = input.cache_billing_enabled ?? false;
  if (input.cached_input_price !== undefined) out.cachedInputPrice = input.cached_input_price;
  if (input.cached_output_price !== undefined) out.cachedOutputPrice = input.cached_output_price;
  if (input.cache_creation_input_price !== undefined)
    out.cacheCreationInputPrice = input.cache_creation_input_price;
  return out;
}

export function pricingView(row: PricingRow) {
  return {
    billing_mode: row.billingMode,
    input_price: row.inputPrice,
    output_price: row.outputPrice,
    per_request_price: row.perRequestPrice,
    per_image_price: row.perImagePrice,
    tiered_pricing: row.tieredPricing,
    cache_billing_enabled: row.cacheBillingEnabled,
    cached_input_price: row.cachedInputPrice,
    cached_output_price: row.cachedOutputPrice,
    cache_creation_input_price: row.cacheCreationInputPrice,
  };
}

function need(ok: boolean, field: string, mode: string): void {
  if (!ok)
    throw new GatewayError('validation_error', `${field} is required for billing_mode ${mode}`, {
      param: field,
    });
}

/** Validates the merged pricing of a model or link; `inherit_model_default` is only valid on links. */
export function validateBilling(p: Partial<PricingRow>, isLink: boolean): void {
  const mode = p.billingMode ?? null;
  if (mode === null) return;
  if (mode === 'inherit_model_default' && !isLink) {
    throw new GatewayError(
      'validation_error',
      'inherit_model_default is only valid on a model-provider link',
      {
        param: 'billing_mode',
      },
    );
  }
  if (mode === 'per_request') need(p.perRequestPrice != null, 'per_request_price', mode);
  if (mode === 'per_image') need(p.perImagePrice != null, 'per_image_price', mode);
  if (mode === 'token_tiered') need((p.tieredPricing?.length ?? 0) > 0, 'tiered_pricing', mode);
  if (mode === 'token_flat') {
    need(p.inputPrice != null, 'input_price', mode);
    need(p.outputPrice != null, 'output_price', mode);
  }
}
