// Owns call health: every upstream call per provider × model, success rate and TTFB/total percentiles.

import { CallStatsTable } from '../../components/charts/call-stats-table';
import { Empty } from '../../components/ui/states';
import { formatNumber, formatPercent } from '../../lib/format';
import { useT } from '../../lib/i18n';
import type { LogStats } from '../logs/types';

export function CallHealth({ stats }: { stats: LogStats }) {
  const t = useT();
  const rows = stats.model_call_stats;
  const calls = rows.reduce((n, r) => n + r.request_count, 0);
  const ok = rows.reduce((n, r) => n + r.success_count, 0);
  return (
    <section className="card" data-testid="call-health">
      <div className="card-header">
        <h2>{t('home.callHealth')}</h2>
        <span className="muted">{t('home.percentilesHint')}</span>
      </div>
      <div className="grid-4 card-body">
        <div className="stat">
          <span className="stat-label">{t('home.calls')}</span>
          <span className="stat-value">{formatNumber(calls)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('logs.success')}</span>
          <span className="stat-value">{formatNumber(ok)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('logs.errors')}</span>
          <span className="stat-value">{formatNumber(calls - ok)}</span>
        </div>
        <div className="stat">
          <span className="stat-label">{t('models.successRate')}</span>
          <span className="stat-value">{calls ? formatPercent(ok / calls) : '—'}</span>
        </div>
      </div>
      {rows.length === 0 ? (
        <div className="card-body">
          <Empty title={t('home.noData')} />
        </div>
      ) : (
        <CallStatsTable rows={rows} />
      )}
    </section>
  );
}
