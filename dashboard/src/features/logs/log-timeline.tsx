// Owns the logs timeline: successes and errors per bucket for the current filters; click a bar to zoom in.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { BarChart } from '../../components/charts/bar-chart';
import { ErrorState, Skeleton } from '../../components/ui/states';
import { formatBucket, formatCompact, formatDateTime, formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { bucketMs } from '../../lib/time-range';
import { logStatsQuery } from './api';
import { effectiveRange, isLive, type LogSearch, scopeParams, timelineWindow } from './search';

export function LogTimeline({
  search,
  onZoom,
  refetchInterval,
}: {
  search: LogSearch;
  onZoom: (start: string, end: string) => void;
  refetchInterval: number | false;
}) {
  const t = useT();
  const key = { range: effectiveRange(search), start: search.start, end: search.end };
  const query = useQuery({
    ...logStatsQuery(key, scopeParams(search), () => timelineWindow(search)),
    placeholderData: keepPreviousData,
    refetchInterval: isLive(search) ? refetchInterval : false,
  });
  if (query.isError) return <ErrorState error={query.error} onRetry={() => query.refetch()} />;
  if (!query.data) return <Skeleton rows={3} />;
  const stats = query.data;
  const span = Date.parse(stats.end_time) - Date.parse(stats.start_time);
  const size = stats.bucket_minutes * 60_000;
  return (
    <div className="card card-body" data-testid="log-timeline">
      <div className="row">
        <h3 className="grow">{t('logs.timeline')}</h3>
        <span className="muted">
          {t('logs.timelineSummary', {
            n: formatNumber(stats.summary.request_count),
            errors: formatNumber(stats.summary.failure_count),
          })}
        </span>
      </div>
      <BarChart
        ariaLabel={t('logs.timeline')}
        height={140}
        buckets={stats.trend.map((b) => ({
          label: formatBucket(b.bucket_start, span),
          title: `${formatDateTime(b.bucket_start)} (+${stats.bucket_minutes}m)`,
          values: { ok: b.success_count, error: b.error_count },
        }))}
        series={[
          { key: 'ok', label: t('logs.success'), color: 'var(--chart-2)' },
          { key: 'error', label: t('logs.errors'), color: 'var(--chart-4)' },
        ]}
        format={formatCompact}
        totalLabel={t('logs.requests')}
        onPick={(i) => {
          const b = stats.trend[i];
          if (!b) return;
          const start = Date.parse(b.bucket_start);
          onZoom(
            new Date(start).toISOString(),
            new Date(start + (size || bucketMs(timelineWindow(search)))).toISOString(),
          );
        }}
      />
      <p className="field-hint">{t('logs.zoomHint')}</p>
    </div>
  );
}
