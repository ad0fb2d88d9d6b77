// Owns the per provider × model call table: calls, success rate, first-token and total-time percentiles.
import { formatMs, formatNumber, formatPercent } from '../../lib/format';
import { useT } from '../../lib/i18n';

export interface CallStatsRow {
  provider_name: string;
  model: string;
  request_count: number;
  success_rate: number;
  first_byte_ms: { p50: number | null; p95: number | null; p99: number | null };
  total_time_ms: { p50: number | null; p95: number | null; p99: number | null };
}

function P({ p }: { p: CallStatsRow['total_time_ms'] }) {
  return (
    <span className="nowrap">
      {formatMs(p.p50)} · {formatMs(p.p95)} · {formatMs(p.p99)}
    </span>
  );
}

function rateClass(rate: number): string {
  if (rate < 0.9) return 'badge badge-danger';
  return rate < 0.99 ? 'badge badge-warning' : 'badge badge-success';
}

export function CallStatsTable({ rows }: { rows: CallStatsRow[] }) {
  const t = useT();
  return (
    <div className="table-wrap">
      <table className="table table-compact">
        <thead>
          <tr>
            <th>{t('logs.provider')}</th>
            <th>{t('home.model')}</th>
            <th className="num">{t('home.calls')}</th>
            <th className="num">{t('models.successRate')}</th>
            <th>{t('home.ttfbPercentiles')}</th>
            <th>{t('home.totalPercentiles')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.provider_name}|${r.model}`}>
              <td>{r.provider_name}</td>
              <td className="mono">{r.model}</td>
              <td className="num">{formatNumber(r.request_count)}</td>
              <td className="num">
                <span className={rateClass(r.success_rate)}>{formatPercent(r.success_rate)}</span>
              </td>
              <td>
                <P p={r.first_byte_ms} />
              </td>
              <td>
                <P p={r.total_time_ms} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
