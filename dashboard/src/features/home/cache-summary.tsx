// Owns the home page's response-cache card: the range's hit rate and savings, overall and per model.
import { formatCost, formatNumber, formatPercent } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { CacheNumbers } from '../cache/cache-numbers';
import type { LogStats } from '../logs/types';

export function CacheSummary({ stats }: { stats: LogStats }) {
  const t = useT();
  // Ranked by the server among every model that looked (not only the top models by cost).
  const models = stats.by_model_cache;
  return (
    <section className="card" data-testid="cache-summary">
      <div className="card-header">
        <h2>{t('cache.section')}</h2>
      </div>
      <div className="card-body stack">
        <CacheNumbers totals={stats.summary} />
        {models.length > 0 && (
          <div className="table-wrap">
            <p className="field-hint">{t('cache.byModelHint')}</p>
            <table className="table table-compact" data-testid="cache-by-model">
              <thead>
                <tr>
                  <th>{t('home.model')}</th>
                  <th className="num">{t('cache.hitRate')}</th>
                  <th className="num">{t('cache.HIT')}</th>
                  <th className="num">{t('cache.MISS')}</th>
                  <th className="num">{t('cache.saved')}</th>
                </tr>
              </thead>
              <tbody>
                {models.map((m) => (
                  <tr key={m.model}>
                    <td className="mono">{m.model}</td>
                    <td className="num">{formatPercent(m.cache_hit_rate)}</td>
                    <td className="num">{formatNumber(m.cache_hits)}</td>
                    <td className="num">{formatNumber(m.cache_lookups - m.cache_hits)}</td>
                    <td className="num">{formatCost(m.saved_cost)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}
