// Owns the home dashboard: range and key filters, summary numbers, activity charts, rankings and call health.
import { keepPreviousData, useQuery, useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { PageHeader } from '../../components/layout/page-header';
import { ErrorState, Loading } from '../../components/ui/states';
import {
  formatCompact,
  formatCost,
  formatDateTime,
  formatMs,
  formatNumber,
  formatPercent,
} from '../../lib/format';
import { useT } from '../../lib/i18n';
import { allApiKeysQuery } from '../api-keys/api';
import { ActivityCharts } from './activity-charts';
import { homeStatsQuery } from './api';
import { CacheSummary } from './cache-summary';
import { CallHealth } from './call-health';
import { ModelRankings } from './model-rankings';
import { type HomeSearch, isLiveRange, rememberRange } from './range';
import { RangePicker } from './range-picker';

const route = getRouteApi('/_app/');
const LIVE_REFRESH_MS = 15_000;

export function HomePage() {
  const t = useT();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const { data: keys } = useSuspenseQuery(allApiKeysQuery());
  const query = useQuery({
    ...homeStatsQuery(search),
    placeholderData: keepPreviousData,
    refetchInterval: isLiveRange(search) ? LIVE_REFRESH_MS : false,
  });
  const setSearch = (patch: Partial<HomeSearch>) => {
    if (patch.range && patch.range !== 'custom') rememberRange(patch.range);
    void navigate({ search: (prev) => ({ ...prev, ...patch }) });
  };
  const stats = query.data;
  return (
    <div className="page">
      <PageHeader
        title={t('home.title')}
        subtitle={
          stats
            ? t('home.window', { from: formatDateTime(stats.start_time), to: formatDateTime(stats.end_time) })
            : undefined
        }
        actions={
          <>
            <select
              className="select"
              aria-label={t('logs.apiKey')}
              value={search.api_key_id ?? ''}
              onChange={(e) => setSearch({ api_key_id: e.target.value ? Number(e.target.value) : undefined })}
            >
              <option value="">{t('home.allKeys')}</option>
              {keys.map((k) => (
                <option key={k.id} value={k.id}>
                  {k.key_name}
                </option>
              ))}
            </select>
            <button type="button" className="btn" onClick={() => query.refetch()} disabled={query.isFetching}>
              {t('common.refresh')}
            </button>
          </>
        }
      />
      <RangePicker search={search} onChange={setSearch} />
      {query.isError ? (
        <ErrorState error={query.error} onRetry={() => query.refetch()} />
      ) : !stats ? (
        <Loading />
      ) : (
        <>
          <div className="grid-4" data-testid="home-summary">
            <Stat
              label={t('home.requests')}
              value={formatNumber(stats.summary.request_count)}
              sub={t('home.successRate', { rate: formatPercent(stats.summary.success_rate) })}
            />
            <Stat
              label={t('home.spend')}
              value={formatCost(stats.summary.total_cost)}
              sub={t('home.costSplit', {
                input: formatCost(stats.summary.input_cost),
                output: formatCost(stats.summary.output_cost),
              })}
            />
            <Stat
              label={t('home.tokens')}
              value={formatCompact(stats.summary.total_tokens)}
              sub={t('home.tokenSplit', {
                input: formatCompact(stats.summary.input_tokens),
                output: formatCompact(stats.summary.output_tokens),
              })}
            />
            <Stat
              label={t('home.latency')}
              value={formatMs(stats.latency.total_time_ms.p50)}
              sub={t('home.latencySub', {
                p95: formatMs(stats.latency.total_time_ms.p95),
                ttfb: formatMs(stats.latency.first_byte_ms.p50),
              })}
            />
          </div>
          <CacheSummary stats={stats} />
          <ActivityCharts stats={stats} />
          <ModelRankings
            stats={stats}
            groupBy={search.group_by ?? 'request_model'}
            onGroupBy={(group_by) => setSearch({ group_by })}
          />
          <CallHealth stats={stats} />
        </>
      )}
    </div>
  );
}

function Stat({ label, value, sub }: { label: string; value: string; sub: string }) {
  return (
    <div className="card stat">
      <span className="stat-label">{label}</span>
      <span className="stat-value">{value}</span>
      <span className="stat-sub">{sub}</span>
    </div>
  );
}
