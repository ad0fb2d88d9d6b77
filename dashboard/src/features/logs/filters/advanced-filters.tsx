// Owns the logs' advanced filters: target model, key name, user, trace id and the numeric ranges.
import { SearchInput } from '../../../components/ui/search-input';
import { type MessageKey, useT } from '../../../lib/i18n';
import type { LogSearch } from '../search';

type Patch = Partial<LogSearch>;
type MinKey = keyof LogSearch & `${string}_min`;
type MaxKey = keyof LogSearch & `${string}_max`;

const TEXT_FILTERS: { key: 'target_model' | 'api_key_name' | 'user_id' | 'trace_id'; label: MessageKey }[] = [
  { key: 'target_model', label: 'models.targetModel' },
  { key: 'api_key_name', label: 'logs.apiKeyName' },
  { key: 'user_id', label: 'logs.userId' },
  { key: 'trace_id', label: 'logs.traceId' },
];

const RANGES: { label: MessageKey; min: MinKey; max: MaxKey }[] = [
  { label: 'logs.statusRange', min: 'status_min', max: 'status_max' },
  { label: 'logs.retries', min: 'retry_count_min', max: 'retry_count_max' },
  { label: 'logs.inputTokens', min: 'input_tokens_min', max: 'input_tokens_max' },
  { label: 'logs.durationMs', min: 'total_time_min', max: 'total_time_max' },
];

/** Whether any advanced filter is set (the section then opens by itself). */
export function hasAdvanced(s: LogSearch): boolean {
  return (
    TEXT_FILTERS.some((f) => s[f.key] !== undefined) ||
    RANGES.some((r) => s[r.min] !== undefined || s[r.max] !== undefined)
  );
}

function NumberFilter({
  label,
  value,
  onCommit,
}: {
  label: string;
  value: number | undefined;
  onCommit: (n: number | undefined) => void;
}) {
  return (
    <SearchInput
      label={label}
      value={value === undefined ? undefined : String(value)}
      onCommit={(v) => {
        const n = v === undefined ? undefined : Number(v);
        onCommit(n === undefined || !Number.isFinite(n) ? undefined : Math.trunc(n));
      }}
    />
  );
}

export function AdvancedFilters({
  search,
  onChange,
}: {
  search: LogSearch;
  onChange: (patch: Patch) => void;
}) {
  const t = useT();
  return (
    <div className="filters">
      {TEXT_FILTERS.map((f) => (
        <div key={f.key} className="field">
          <span className="field-label">{t(f.label)}</span>
          <SearchInput label={t(f.label)} value={search[f.key]} onCommit={(v) => onChange({ [f.key]: v })} />
        </div>
      ))}
      {RANGES.map((r) => (
        <div key={r.min} className="field">
          <span className="field-label">{t(r.label)}</span>
          <div className="row range-pair">
            <NumberFilter
              label={`${t(r.label)} ≥`}
              value={search[r.min]}
              onCommit={(n) => onChange({ [r.min]: n })}
            />
            <span className="muted">–</span>
            <NumberFilter
              label={`${t(r.label)} ≤`}
              value={search[r.max]}
              onCommit={(n) => onChange({ [r.max]: n })}
            />
          </div>
        </div>
      ))}
    </div>
  );
}
