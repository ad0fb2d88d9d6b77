// Owns the billing part of the model and link forms: text values, validation, and the API pricing fields.
import { z } from 'zod';
import { numberText } from '../../../lib/form';
import type { Translate } from '../../../lib/i18n';
import { numberField, priceField } from '../../../lib/zod-fields';
import type { BillingMode, Pricing, Tier } from '../types';

export interface TierValues {
  max_input_tokens: string;
  input_price: string;
  output_price: string;
  cached_input_price: string;
  cache_creation_input_price: string;
}

export interface BillingValues {
  /** `none` is the model-level "no price" (cost 0 unless a link prices it). */
  mode: BillingMode | 'none';
  input_price: string;
  output_price: string;
  per_request_price: string;
  per_image_price: string;
  tiers: TierValues[];
  cache_billing_enabled: boolean;
  cached_input_price: string;
  cache_creation_input_price: string;
}

export const emptyTier = (): TierValues => ({
  max_input_tokens: '',
  input_price: '',
  output_price: '',
  cached_input_price: '',
  cache_creation_input_price: '',
});

export function billingValues(
  p: Partial<Pricing> | null,
  fallbackMode: BillingValues['mode'],
): BillingValues {
  return {
    mode: p?.billing_mode ?? fallbackMode,
    input_price: numberText(p?.input_price),
    output_price: numberText(p?.output_price),
    per_request_price: numberText(p?.per_request_price),
    per_image_price: numberText(p?.per_image_price),
    tiers: (p?.tiered_pricing ?? []).map((tier) => ({
      max_input_tokens: numberText(tier.max_input_tokens),
      input_price: numberText(tier.input_price),
      output_price: numberText(tier.output_price),
      cached_input_price: numberText(tier.cached_input_price),
      cache_creation_input_price: numberText(tier.cache_creation_input_price),
    })),
    cache_billing_enabled: p?.cache_billing_enabled ?? false,
    cached_input_price: numberText(p?.cached_input_price),
    cache_creation_input_price: numberText(p?.cache_creation_input_price),
  };
}

export type PricingPayload = Omit<Pricing, 'cached_output_price'>;

function tierSchema(t: Translate) {
  return z.object({
    max_input_tokens: numberField(t, { min: 1, int: true }),
    input_price: priceField(t, true),
    output_price: priceField(t, true),
    cached_input_price: priceField(t),
    cache_creation_input_price: priceField(t),
  });
}

/** Validates billing text values and yields the pricing fields the API stores (unused prices cleared). */
export function billingSchema(t: Translate) {
  return z
    .object({
      mode: z.enum([
        'none',
        'token_flat',
        'token_tiered',
        'per_request',
        'per_image',
        'inherit_model_default',
      ]),
      input_price: priceField(t),
      output_price: priceField(t),
      per_request_price: priceField(t),
      per_image_price: priceField(t),
      tiers: z.array(tierSchema(t)),
      cache_billing_enabled: z.boolean(),
      cached_input_price: priceField(t),
      cache_creation_input_price: priceField(t),
    })
    .superRefine((v, ctx) => {
      const need = (ok: boolean, path: (string | number)[]) => {
        if (!ok) ctx.addIssue({ code: 'custom', path, message: t('validation.required') });
      };
      if (v.mode === 'token_flat') {
        need(v.input_price !== null, ['input_price']);
        need(v.output_price !== null, ['output_price']);
      }
      if (v.mode === 'per_request') need(v.per_request_price !== null, ['per_request_price']);
      if (v.mode === 'per_image') need(v.per_image_price !== null, ['per_image_price']);
      if (v.mode === 'token_tiered') {
        if (v.tiers.length === 0)
          ctx.addIssue({ code: 'custom', path: ['tiers'], message: t('billing.tiersRequired') });
        const open = v.tiers.filter((tier) => tier.max_input_tokens === null).length;
        if (open > 1) ctx.addIssue({ code: 'custom', path: ['tiers'], message: t('billing.oneOpenTier') });
      }
    })
    .transform((v): PricingPayload => {
      const tokens = v.mode === 'token_flat' || v.mode === 'token_tiered';
      const tiers: Tier[] = v.tiers.map((tier) => ({
        max_input_tokens: tier.max_input_tokens,
        input_price: tier.input_price ?? 0,
        output_price: tier.output_price ?? 0,
        cached_input_price: tier.cached_input_price,
        cache_creation_input_price: tier.cache_creation_input_price,
      }));
      return {
        billing_mode: v.mode === 'none' ? null : v.mode,
        input_price: v.mode === 'token_flat' ? v.input_price : null,
        output_price: v.mode === 'token_flat' ? v.output_price : null,
        per_request_price: v.mode === 'per_request' ? v.per_request_price : null,
        per_image_price: v.mode === 'per_image' ? v.per_image_price : null,
        tiered_pricing: v.mode === 'token_tiered' ? tiers : null,
        cache_billing_enabled: tokens && v.cache_billing_enabled,
        cached_input_price: tokens ? v.cached_input_price : null,
        cache_creation_input_price: tokens ? v.cache_creation_input_price : null,
      };
    });
}

const PRICING_FIELDS = new Set([
  'billing_mode',
  'input_price',
  'output_price',
  'per_request_price',
  'per_image_price',
  'tiered_pricing',
  'cache_billing_enabled',
  'cached_input_price',
  'cache_creation_input_price',
]);

/** Where an API validation path (`tiered_pricing.0.input_price`) lives in a form with billing under `prefix`. */
export function billingFormPath(apiField: string, prefix: string): string | null {
  const [head, ...rest] = apiField.split('.');
  if (!head || !PRICING_FIELDS.has(head)) return null;
  const key = head === 'tiered_pricing' ? 'tiers' : head === 'billing_mode' ? 'mode' : head;
  return [prefix, key, ...rest].join('.');
}
