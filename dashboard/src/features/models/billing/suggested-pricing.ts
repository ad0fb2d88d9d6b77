// Owns turning a pricing-history suggestion (resolved prices) into the pricing a form can start from.
import type { Pricing, PricingSuggestion } from '../types';

/** The suggestion's resolved billing, keeping only the prices its mode uses (the rest resolve to 0). */
export function suggestedPricing(s: PricingSuggestion): Pricing {
  const mode = s.resolved_billing_mode;
  const tokens = mode === 'token_flat' || mode === 'token_tiered';
  const cache = tokens && s.resolved_cache_billing_enabled;
  return {
    billing_mode: mode,
    input_price: mode === 'token_flat' ? s.resolved_input_price : null,
    output_price: mode === 'token_flat' ? s.resolved_output_price : null,
    per_request_price: mode === 'per_request' ? s.resolved_per_request_price : null,
    per_image_price: mode === 'per_image' ? s.resolved_per_image_price : null,
    tiered_pricing: mode === 'token_tiered' ? s.resolved_tiered_pricing : null,
    cache_billing_enabled: cache,
    cached_input_price: cache ? s.resolved_cached_input_price : null,
    cached_output_price: null,
    cache_creation_input_price: cache ? s.resolved_cache_creation_input_price : null,
  };
}
