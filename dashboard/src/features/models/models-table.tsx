// Owns the models table: provider counts, per-model latency and health, and row actions.
import { useSuspenseQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { formatMs, formatNumber, formatPercent } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { modelStatsQuery } from './api';
import { billingSummary } from './billing/billing-summary';
import { STRATEGY_LABELS } from './strategy-field';
import type { Model } from './types';

export type ModelAction = 'test' | 'edit' | 'delete';

export function ModelsTable({
  items,
  onAction,
}: {
  items: Model[];
  onAction: (a: ModelAction, m: Model) => void;
}) {
  const t = useT();
  const { data: stats } = useSuspenseQuery(modelStatsQuery());
  return (
    <div className="table-wrap card">
      <table className="table" data-testid="models-table">
        <thead>
          <tr>
            <th>{t('models.requestedModel')}</th>
            <th>{t('models.type')}</th>
            <th>{t('models.strategy')}</th>
            <th>{t('models.providers')}</th>
            <th>{t('models.pricing')}</th>
            <th className="num">{t('models.requests7d')}</th>
            <th className="num">{t('models.avgLatency')}</th>
            <th className="num">{t('models.avgFirstToken')}</th>
            <th className="num">{t('models.successRate')}</th>
            <th>{t('common.status')}</th>
            <th className="actions">{t('common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((m) => {
            const s = stats.get(m.requested_model);
            return (
              <tr key={m.requested_model}>
                <td>
                  <Link to="/models/detail" search={{ model: m.requested_model }} className="mono">
                    {m.requested_model}
                  </Link>
                </td>
                <td>{m.model_type ?? 'chat'}</td>
                <td>{t(STRATEGY_LABELS[m.strategy]?.label ?? 'strategy.round_robin')}</td>
                <td>
                  <span className={m.active_provider_count === 0 ? 'badge badge-warning' : 'badge'}>
                    {m.active_provider_count}/{m.provider_count}
                  </span>
                </td>
                <td className="muted">
                  <span className="truncate">{billingSummary(m, t)}</span>
                </td>
                <td className="num">{formatNumber(s?.request_count ?? 0)}</td>
                <td className="num">{formatMs(s?.avg_total_time_ms)}</td>
                <td className="num">{formatMs(s?.avg_first_byte_ms)}</td>
                <td className="num">{formatPercent(s?.success_rate)}</td>
                <td>
                  {m.is_active ? (
                    <span className="badge badge-success">{t('common.enabled')}</span>
                  ) : (
                    <span className="badge badge-muted">{t('common.disabled')}</span>
                  )}
                </td>
                <td className="actions">
                  <Link to="/models/detail" search={{ model: m.requested_model }} className="btn btn-sm">
                    {t('common.details')}
                  </Link>
                  <button type="button" className="btn btn-sm" onClick={() => onAction('test', m)}>
                    {t('models.test')}
                  </button>
                  <button type="button" className="btn btn-sm" onClick={() => onAction('edit', m)}>
                    {t('common.edit')}
                  </button>
                  <button
                    type="button"
                    className="btn btn-sm btn-danger-ghost"
                    onClick={() => onAction('delete', m)}
                  >
                    {t('common.delete')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
