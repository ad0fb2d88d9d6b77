// Owns editing a list of name/value pairs (extra headers, match-test headers).
import { useT } from '../../lib/i18n';

export type Pair = { key: string; value: string };

export function pairsFromRecord(record: Record<string, string | number> | null | undefined): Pair[] {
  return Object.entries(record ?? {}).map(([key, value]) => ({ key, value: String(value) }));
}

export function KeyValueEditor({
  pairs,
  onChange,
  keyPlaceholder,
  valuePlaceholder,
  errors,
  errorPrefix,
}: {
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
  keyPlaceholder: string;
  valuePlaceholder: string;
  errors?: Record<string, string>;
  /** Field path of the list in `errors`, e.g. `headers` → `headers.0.key`. */
  errorPrefix?: string;
}) {
  const t = useT();
  const update = (i: number, patch: Partial<Pair>) =>
    onChange(pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <div className="kv-editor">
      {pairs.map((p, i) => {
        const err = errorPrefix
          ? (errors?.[`${errorPrefix}.${i}.key`] ?? errors?.[`${errorPrefix}.${i}.value`])
          : undefined;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional while being edited
          <div key={i} className="kv-row">
            <input
              className="input"
              aria-label={keyPlaceholder}
              placeholder={keyPlaceholder}
              value={p.key}
              onChange={(e) => update(i, { key: e.target.value })}
            />
            <input
              className="input"
              aria-label={valuePlaceholder}
              placeholder={valuePlaceholder}
              value={p.value}
              onChange={(e) => update(i, { value: e.target.value })}
            />
            <button
              type="button"
              className="icon-btn"
              aria-label={t('common.remove')}
              onClick={() => onChange(pairs.filter((_, j) => j !== i))}
            >
              ×
            </button>
            {err && <span className="field-error kv-error">{err}</span>}
          </div>
        );
      })}
      <button
        type="button"
        className="btn btn-sm"
        onClick={() => onChange([...pairs, { key: '', value: '' }])}
      >
        + {t('common.addRow')}
      </button>
    </div>
  );
}
