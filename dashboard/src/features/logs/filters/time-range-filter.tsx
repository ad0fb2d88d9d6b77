// Owns the logs' time range control: the presets, or a custom start and end.
import { fromLocalInput, toLocalInput } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';
import { effectiveRange, LOG_RANGES, type LogSearch } from '../search';

const RANGE_LABELS: Record<(typeof LOG_RANGES)[number] | 'custom', MessageKey> = {
  '1h': 'range.1h',
  '3h': 'range.3h',
  '6h': 'range.6h',
  '12h': 'range.12h',
  '24h': 'range.24h',
  '1w': 'range.1w',
  all: 'range.all',
  custom: 'range.custom',
};

export function TimeRangeFilter({
  search,
  onChange,
}: {
  search: LogSearch;
  onChange: (patch: Partial<LogSearch>) => void;
}) {
  const t = useT();
  const range = effectiveRange(search);
  return (
    <>
      <label className="field">
        <span className="field-label">{t('logs.timeRange')}</span>
        <select
          className="select"
          value={range}
          onChange={(e) => {
            const v = e.target.value;
            if (v === 'custom') {
              onChange({
                range: undefined,
                start: new Date(Date.now() - 3_600_000).toISOString(),
                end: undefined,
              });
            } else {
              onChange({ range: v as LogSearch['range'], start: undefined, end: undefined });
            }
          }}
        >
          {[...LOG_RANGES, 'custom' as const].map((r) => (
            <option key={r} value={r}>
              {t(RANGE_LABELS[r])}
            </option>
          ))}
        </select>
      </label>
      {range === 'custom' && (
        <>
          <label className="field">
            <span className="field-label">{t('logs.from')}</span>
            <input
              className="input"
              type="datetime-local"
              value={toLocalInput(search.start)}
              onChange={(e) => onChange({ start: fromLocalInput(e.target.value) })}
            />
          </label>
          <label className="field">
            <span className="field-label">{t('logs.to')}</span>
            <input
              className="input"
              type="datetime-local"
              value={toLocalInput(search.end)}
              onChange={(e) => onChange({ end: fromLocalInput(e.target.value) })}
            />
          </label>
        </>
      )}
    </>
  );
}
