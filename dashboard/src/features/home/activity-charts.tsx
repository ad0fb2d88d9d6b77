// Owns the activity charts: spend, tokens and requests per bucket, each with its total and average per bucket.
import { useState } from 'react';
import { BarChart, type ChartSeries } from '../../components/charts/bar-chart';
import { formatBucket, formatCompact, formatCost, formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import type { LogStats, TrendPoint } from '../logs/types';

interface ChartSpec {
  id: string;
  title: string;
  series: ChartSeries[];
  pick: (p: TrendPoint) => Record<string, number>;
  format: (n: number) => string;
}

export function ActivityCharts({ stats }: { stats: LogStats }) {
  const t = useT();
  const [expanded, setExpanded] = useState<string | null>(null);
  const span = Date.parse(stats.end_time) - Date.parse(stats.start_time);
  const specs: ChartSpec[] = [
    {
      id: 'spend',
      title: t('home.spend'),
      series: [
        { key: 'in', label: t('home.inputCost'), color: 'var(--chart-1)' },
        { key: 'out', label: t('home.outputCost'), color: 'var(--chart-3)' },
      ],
      pick: (p) => ({ in: p.input_cost, out: p.output_cost }),
      format: formatCost,
    },
    {
      id: 'tokens',
      title: t('home.tokens'),
      series: [
        { key: 'in', label: t('logs.inputTokens'), color: 'var(--chart-1)' },
        { key: 'out', label: t('logs.outputTokens'), color: 'var(--chart-2)' },
      ],
      pick: (p) => ({ in: p.input_tokens, out: p.output_tokens }),
      format: formatCompact,
    },
    {
      id: 'requests',
      title: t('home.requests'),
      series: [
        { key: 'ok', label: t('logs.success'), color: 'var(--chart-2)' },
        { key: 'err', label: t('logs.errors'), color: 'var(--chart-4)' },
      ],
      pick: (p) => ({ ok: p.success_count, err: p.error_count }),
      format: formatCompact,
    },
  ];
  const shown = expanded ? specs.filter((s) => s.id === expanded) : specs;
  return (
    <div className={expanded ? 'stack' : 'grid-3'}>
      {shown.map((spec) => {
        const values = stats.trend.map(spec.pick);
        const total = values.reduce((sum, v) => sum + Object.values(v).reduce((a, b) => a + b, 0), 0);
        const avg = stats.trend.length ? total / stats.trend.length : 0;
        return (
          <section key={spec.id} className="card card-body" data-testid={`chart-${spec.id}`}>
            <div className="row">
              <h3 className="grow">{spec.title}</h3>
              <button
                type="button"
                className="btn btn-sm"
                aria-pressed={expanded === spec.id}
                onClick={() => setExpanded(expanded === spec.id ? null : spec.id)}
              >
                {expanded === spec.id ? t('home.restore') : t('home.maximize')}
              </button>
            </div>
            <div className="stat-value">{spec.format(total)}</div>
            <div className="stat-sub">
              {t('home.perBucket', { value: spec.format(avg), minutes: stats.bucket_minutes })}
            </div>
            <BarChart
              ariaLabel={spec.title}
              height={expanded ? 320 : 170}
              buckets={stats.trend.map((p, i) => ({
                label: formatBucket(p.bucket_start, span),
                title: formatDateTime(p.bucket_start),
                values: values[i] ?? {},
              }))}
              series={spec.series}
              format={spec.format}
              totalLabel={t('home.total')}
            />
          </section>
        );
      })}
    </div>
  );
}
