// Owns the logs page: running requests, URL filters, the zoomable timeline, the paginated table and live refresh.
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { Switch } from '../../components/ui/field';
import { Pagination } from '../../components/ui/pagination';
import { Empty } from '../../components/ui/states';
import { formatDateTime } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { usePendingSearch } from '../../lib/search';
import { logsQuery } from './api';
import { InFlightPanel } from './in-flight-panel';
import { LogFilters } from './log-filters';
import { LogTimeline } from './log-timeline';
import { LogsTable } from './logs-table';
import { LogMaintenance } from './maintenance';
import { FILTER_KEYS, isLive, type LogSearch, logSearchSchema } from './search';

const route = getRouteApi('/_app/logs/');
const REFRESH_MS = 5000;

export function LogsPage() {
  const t = useT();
  const search = route.useSearch();
  const filters = usePendingSearch(logSearchSchema);
  const navigate = route.useNavigate();
  const [auto, setAuto] = useState(true);
  const live = isLive(search) && (search.page ?? 1) === 1;
  const interval = auto && live ? REFRESH_MS : false;
  const { data, dataUpdatedAt, refetch, isFetching } = useSuspenseQuery({
    ...logsQuery(search),
    refetchInterval: interval,
  });
  const setSearch = (patch: Partial<LogSearch>) =>
    navigate({ search: (prev) => ({ ...prev, ...patch, page: undefined }) });
  const filtered = FILTER_KEYS.some((k) => search[k] !== undefined);
  const zoomed = Boolean(search.start || search.end);

  return (
    <div className="page">
      <PageHeader
        title={t('logs.title')}
        subtitle={t('logs.subtitle')}
        actions={
          <>
            <span className="muted">{t('common.lastUpdated', { time: formatDateTime(dataUpdatedAt) })}</span>
            <Switch checked={auto} onChange={setAuto} label={t('common.autoRefresh')} disabled={!live} />
            <button type="button" className="btn" onClick={() => refetch()} disabled={isFetching}>
              {t('common.refresh')}
            </button>
            <LogMaintenance />
          </>
        }
      />
      <InFlightPanel enabled={auto} />
      <LogFilters search={filters} onChange={setSearch} />
      <LogTimeline
        search={search}
        refetchInterval={interval}
        onZoom={(start, end) => setSearch({ start, end, range: undefined })}
      />
      {zoomed && (
        <div className="row">
          <span className="badge badge-primary">
            {formatDateTime(search.start)} – {search.end ? formatDateTime(search.end) : t('logs.now')}
          </span>
          <button
            type="button"
            className="btn btn-sm"
            onClick={() => setSearch({ start: undefined, end: undefined })}
          >
            {t('logs.resetZoom')}
          </button>
        </div>
      )}
      {data.items.length === 0 ? (
        <Empty
          title={filtered ? t('common.noMatches') : t('logs.empty')}
          hint={filtered ? undefined : t('logs.emptyHint')}
        />
      ) : (
        <LogsTable items={data.items} />
      )}
      <Pagination
        page={data.page}
        pageSize={data.page_size}
        total={data.total}
        totalCapped={data.total_capped}
        onChange={(page, page_size) =>
          navigate({
            search: (prev) => ({
              ...prev,
              page,
              page_size,
              // "Next" follows the keyset cursor; any other jump (and a new page size) pages by offset.
              cursor:
                page === data.page + 1 && page_size === data.page_size
                  ? (data.next_cursor ?? undefined)
                  : undefined,
            }),
          })
        }
      />
    </div>
  );
}
