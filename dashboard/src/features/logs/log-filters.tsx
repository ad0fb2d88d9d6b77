// Owns the logs filters shown first (time range, model, key, provider, status, stream, errors, retries).
import { useSuspenseQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { SearchInput } from '../../components/ui/search-input';
import { useT } from '../../lib/i18n';
import { allApiKeysQuery } from '../api-keys/api';
import { providerNamesQuery } from '../providers/api';
import { AdvancedFilters, hasAdvanced } from './filters/advanced-filters';
import { TimeRangeFilter } from './filters/time-range-filter';
import { FILTER_KEYS, type LogSearch } from './search';

type Patch = Partial<LogSearch>;

const CACHE_STATUSES = ['HIT', 'MISS', 'BYPASS'] as const;

const STATUS_PRESETS: Record<string, Patch> = {
  '': { status_min: undefined, status_max: undefined },
  ok: { status_min: 200, status_max: 399 },
  client: { status_min: 400, status_max: 499 },
  server: { status_min: 500, status_max: 599 },
};

function statusPreset(s: LogSearch): string {
  for (const [id, p] of Object.entries(STATUS_PRESETS))
    if (p.status_min === s.status_min && p.status_max === s.status_max) return id;
  return 'custom';
}

export function LogFilters({ search, onChange }: { search: LogSearch; onChange: (patch: Patch) => void }) {
  const t = useT();
  const { data: keys } = useSuspenseQuery(allApiKeysQuery());
  const { data: providers } = useSuspenseQuery(providerNamesQuery());
  const [advanced, setAdvanced] = useState(() => hasAdvanced(search));
  const active = FILTER_KEYS.some((k) => search[k] !== undefined);
  return (
    <div className="card card-body stack" data-testid="log-filters">
      <div className="filters">
        <TimeRangeFilter search={search} onChange={onChange} />
        <div className="field">
          <span className="field-label">{t('logs.model')}</span>
          <SearchInput
            label={t('logs.model')}
            name="requested_model"
            value={search.requested_model}
            onCommit={(v) => onChange({ requested_model: v })}
          />
        </div>
        <label className="field">
          <span className="field-label">{t('logs.apiKey')}</span>
          <select
            className="select"
            value={search.api_key_id ?? ''}
            onChange={(e) => onChange({ api_key_id: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('common.all')}</option>
            {keys.map((k) => (
              <option key={k.id} value={k.id}>
                {k.key_name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('logs.provider')}</span>
          <select
            className="select"
            value={search.provider_id ?? ''}
            onChange={(e) => onChange({ provider_id: e.target.value ? Number(e.target.value) : undefined })}
          >
            <option value="">{t('common.all')}</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('common.status')}</span>
          <select
            className="select"
            value={statusPreset(search)}
            onChange={(e) => onChange(STATUS_PRESETS[e.target.value] ?? {})}
          >
            <option value="">{t('common.all')}</option>
            <option value="ok">{t('logs.statusOk')}</option>
            <option value="client">{t('logs.status4xx')}</option>
            <option value="server">{t('logs.status5xx')}</option>
            {statusPreset(search) === 'custom' && <option value="custom">{t('range.custom')}</option>}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('logs.stream')}</span>
          <select
            className="select"
            value={search.is_stream === undefined ? '' : String(search.is_stream)}
            onChange={(e) =>
              onChange({ is_stream: e.target.value === '' ? undefined : e.target.value === 'true' })
            }
          >
            <option value="">{t('common.all')}</option>
            <option value="true">{t('logs.streamOnly')}</option>
            <option value="false">{t('logs.nonStreamOnly')}</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">{t('cache.status')}</span>
          <select
            className="select"
            name="cache_status"
            value={search.cache_status ?? ''}
            onChange={(e) =>
              onChange({ cache_status: (e.target.value || undefined) as LogSearch['cache_status'] })
            }
          >
            <option value="">{t('cache.all')}</option>
            {CACHE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`cache.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox filter-check">
          <input
            type="checkbox"
            checked={search.has_error === true}
            onChange={(e) => onChange({ has_error: e.target.checked ? true : undefined })}
          />
          <span>{t('logs.errorsOnly')}</span>
        </label>
        <label className="checkbox filter-check">
          <input
            type="checkbox"
            checked={search.retry_count_min !== undefined && search.retry_count_min >= 1}
            onChange={(e) => onChange({ retry_count_min: e.target.checked ? 1 : undefined })}
          />
          <span>{t('logs.retriedOnly')}</span>
        </label>
        <button type="button" className="btn" onClick={() => setAdvanced(!advanced)} aria-expanded={advanced}>
          {advanced ? t('common.less') : t('common.more')}
        </button>
        {active && (
          <button
            type="button"
            className="btn"
            onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}
          >
            {t('logs.clearFilters')}
          </button>
        )}
      </div>
      {advanced && <AdvancedFilters search={search} onChange={onChange} />}
    </div>
  );
}
