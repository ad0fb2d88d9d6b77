// Owns how cache numbers read: the hit rate over lookups and the money the hits saved.
import { formatCost, formatNumber, formatPercent } from '../../lib/format';
import { useT } from '../../lib/i18n';
import type { Totals } from '../logs/types';

type CacheTotals = Pick<Totals, 'cache_hits' | 'cache_lookups' | 'cache_hit_rate' | 'saved_cost'>;

export function CacheNumbers({ totals }: { totals: CacheTotals }) {
  const t = useT();
  if (totals.cache_lookups === 0) return <p className="muted">{t('cache.noLookups')}</p>;
  return (
    <dl className="kv">
      <dt>{t('cache.hitRate')}</dt>
      <dd>
        {formatPercent(totals.cache_hit_rate)}{' '}
        <span className="muted">
          {t('cache.hits', {
            hits: formatNumber(totals.cache_hits),
            lookups: formatNumber(totals.cache_lookups),
          })}
        </span>
      </dd>
      <dt>{t('cache.saved')}</dt>
      <dd>{formatCost(totals.saved_cost)}</dd>
    </dl>
  );
}
