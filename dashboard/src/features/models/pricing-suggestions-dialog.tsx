// Owns the pricing suggestions for a target model: each provider's latest link to it, with resolved prices.
import { useQuery } from '@tanstack/react-query';
import { Dialog } from '../../components/ui/dialog';
import { Empty, ErrorState, Loading } from '../../components/ui/states';
import { formatDateTime } from '../../lib/format';
import { type MessageKey, useT } from '../../lib/i18n';
import { pricingHistoryQuery } from './api';
import { billingSummary } from './billing/billing-summary';
import { suggestedPricing } from './billing/suggested-pricing';
import type { Pricing, PricingSuggestion } from './types';

const SOURCE_LABELS: Record<PricingSuggestion['price_source'], MessageKey> = {
  SupplierOverride: 'pricing.sourceLink',
  ModelFallback: 'pricing.sourceModel',
  DefaultZero: 'pricing.sourceNone',
};

export function PricingSuggestionsDialog({
  target,
  onApply,
  onClose,
}: {
  target: string;
  onApply: (pricing: Pricing, from: PricingSuggestion) => void;
  onClose: () => void;
}) {
  const t = useT();
  const query = useQuery(pricingHistoryQuery(target));
  return (
    <Dialog open size="lg" onClose={onClose} title={t('pricing.title', { target: target.trim() })}>
      <p className="field-hint">{t('pricing.hint')}</p>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Empty title={t('pricing.none')} hint={t('pricing.noneHint')} />
      ) : (
        <table className="table table-compact" data-testid="pricing-suggestions">
          <thead>
            <tr>
              <th>{t('links.provider')}</th>
              <th>{t('pricing.usedBy')}</th>
              <th>{t('models.pricing')}</th>
              <th>{t('common.updated')}</th>
              <th className="actions">{t('common.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {query.data.items.map((s) => {
              const pricing = suggestedPricing(s);
              return (
                <tr key={s.link_id}>
                  <td>
                    <strong>{s.provider_name}</strong>
                    <div className="mono muted">{s.target_model_name}</div>
                  </td>
                  <td className="mono">{s.requested_model}</td>
                  <td>
                    {billingSummary(pricing, t)}
                    <div className="muted">{t(SOURCE_LABELS[s.price_source] ?? 'pricing.sourceLink')}</div>
                  </td>
                  <td className="nowrap">{formatDateTime(s.updated_at)}</td>
                  <td className="actions">
                    <button type="button" className="btn btn-sm" onClick={() => onApply(pricing, s)}>
                      {t('common.apply')}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Dialog>
  );
}
