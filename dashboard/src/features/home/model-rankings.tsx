// Owns the top models by cost and by tokens, grouped by requested model or by provider model.
import { RankBars } from '../../components/charts/rank-bars';
import { Empty } from '../../components/ui/states';
import { formatCompact, formatCost, formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import type { LogStats } from '../logs/types';

export function ModelRankings({
  stats,
  groupBy,
  onGroupBy,
}: {
  stats: LogStats;
  groupBy: 'request_model' | 'provider_model';
  onGroupBy: (g: 'request_model' | 'provider_model') => void;
}) {
  const t = useT();
  const byCost = stats.by_model.slice(0, 10).map((m) => ({
    name: m.model,
    value: m.total_cost,
    detail: t('home.rankDetail', { n: formatNumber(m.request_count), tokens: formatCompact(m.total_tokens) }),
  }));
  const byTokens = stats.by_model_tokens.slice(0, 10).map((m) => ({
    name: m.model,
    value: m.total_tokens,
    detail: t('home.rankDetail', { n: formatNumber(m.request_count), tokens: formatCompact(m.total_tokens) }),
  }));
  return (
    <section className="card" data-testid="model-rankings">
      <div className="card-header">
        <h2>{t('home.topModels')}</h2>
        <fieldset className="btn-group" aria-label={t('home.groupBy')}>
          {(['request_model', 'provider_model'] as const).map((g) => (
            <button
              key={g}
              type="button"
              aria-pressed={groupBy === g}
              className={groupBy === g ? 'btn btn-sm selected' : 'btn btn-sm'}
              onClick={() => onGroupBy(g)}
            >
              {g === 'request_model' ? t('home.byRequested') : t('home.byProvider')}
            </button>
          ))}
        </fieldset>
      </div>
      <div className="card-body grid-2">
        <div>
          <h3>{t('home.byCost')}</h3>
          {byCost.length ? (
            <RankBars items={byCost} format={formatCost} />
          ) : (
            <Empty title={t('home.noData')} />
          )}
        </div>
        <div>
          <h3>{t('home.byTokens')}</h3>
          {byTokens.length ? (
            <RankBars items={byTokens} format={formatCompact} />
          ) : (
            <Empty title={t('home.noData')} />
          )}
        </div>
      </div>
    </section>
  );
}
