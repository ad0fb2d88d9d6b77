// Owns choosing the home page's time range: preset buttons or a custom start/end.
import { useState } from 'react';
import { fromLocalInput, toLocalInput } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { currentRange, HOME_RANGES, type HomeSearch } from './range';

export function RangePicker({
  search,
  onChange,
}: {
  search: HomeSearch;
  onChange: (patch: Partial<HomeSearch>) => void;
}) {
  const t = useT();
  const range = currentRange(search);
  const [custom, setCustom] = useState(range === 'custom');
  const [start, setStart] = useState(toLocalInput(search.start ?? Date.now() - 86_400_000));
  const [end, setEnd] = useState(toLocalInput(search.end));
  const startIso = fromLocalInput(start);
  const endIso = fromLocalInput(end);
  const valid = startIso !== undefined && (endIso === undefined || Date.parse(endIso) > Date.parse(startIso));
  return (
    <div className="row">
      <fieldset className="btn-group" aria-label={t('home.range')}>
        {HOME_RANGES.map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={!custom && range === r}
            className={!custom && range === r ? 'btn btn-sm selected' : 'btn btn-sm'}
            onClick={() => {
              setCustom(false);
              onChange({ range: r, start: undefined, end: undefined });
            }}
          >
            {r}
          </button>
        ))}
        <button
          type="button"
          aria-pressed={custom}
          className={custom ? 'btn btn-sm selected' : 'btn btn-sm'}
          onClick={() => setCustom(true)}
        >
          {t('range.custom')}
        </button>
      </fieldset>
      {custom && (
        <>
          <input
            className="input"
            type="datetime-local"
            aria-label={t('logs.from')}
            value={start}
            onChange={(e) => setStart(e.target.value)}
          />
          <span className="muted">–</span>
          <input
            className="input"
            type="datetime-local"
            aria-label={t('logs.to')}
            value={end}
            onChange={(e) => setEnd(e.target.value)}
          />
          <button
            type="button"
            className="btn btn-sm btn-primary"
            disabled={!valid}
            onClick={() => onChange({ range: 'custom', start: startIso, end: endIso })}
          >
            {t('common.apply')}
          </button>
        </>
      )}
    </div>
  );
}
