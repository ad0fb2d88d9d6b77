// Owns the one-line description of a price ("Token $2.5 / $10 per 1M", "Per request $0.01", tiers, cache).
import { formatNumber, formatPrice } from '../../../lib/format';
import type { Translate } from '../../../lib/i18n';
import type { Pricing } from '../types';

export function billingSummary(p: Pricing, t: Translate): string {
  const cache =
    p.cache_billing_enabled && (p.cached_input_price !== null || p.cache_creation_input_price !== null)
      ? ` · ${t('billing.cacheSummary', { read: formatPrice(p.cached_input_price), write: formatPrice(p.cache_creation_input_price) })}`
      : '';
  switch (p.billing_mode) {
    case 'inherit_model_default':
      return t('billing.inherit');
    case 'per_request':
      return `${t('billing.perRequest')} ${formatPrice(p.per_request_price)}`;
    case 'per_image':
      return `${t('billing.perImage')} ${formatPrice(p.per_image_price)}`;
    case 'token_tiered': {
      const tiers = (p.tiered_pricing ?? [])
        .map((tier) =>
          t('billing.tierSummary', {
            max: tier.max_input_tokens === null ? '∞' : formatNumber(tier.max_input_tokens),
            input: formatPrice(tier.input_price),
            output: formatPrice(tier.output_price),
          }),
        )
        .join('; ');
      return `${t('billing.tiered')}: ${tiers}${cache}`;
    }
    case 'token_flat':
      return `${t('billing.tokenSummary', { input: formatPrice(p.input_price), output: formatPrice(p.output_price) })}${cache}`;
    default:
      if (p.input_price === null && p.output_price === null) return t('billing.unpriced');
      return `${t('billing.tokenSummary', { input: formatPrice(p.input_price), output: formatPrice(p.output_price) })}${cache}`;
  }
}
