// Owns editing the tiers of token-tiered billing: up to which input size each tier applies, and its prices.
import type { FieldErrors } from '../../../lib/form';
import { useT } from '../../../lib/i18n';
import { emptyTier, type TierValues } from './billing-values';

const COLUMNS = [
  'max_input_tokens',
  'input_price',
  'output_price',
  'cached_input_price',
  'cache_creation_input_price',
] as const;

export function TierEditor({
  tiers,
  onChange,
  errors,
  prefix,
}: {
  tiers: TierValues[];
  onChange: (tiers: TierValues[]) => void;
  errors: FieldErrors;
  prefix: string;
}) {
  const t = useT();
  const labels: Record<(typeof COLUMNS)[number], string> = {
    max_input_tokens: t('billing.maxInputTokens'),
    input_price: t('billing.inputPrice'),
    output_price: t('billing.outputPrice'),
    cached_input_price: t('billing.cacheReadPrice'),
    cache_creation_input_price: t('billing.cacheWritePrice'),
  };
  const update = (i: number, key: keyof TierValues, value: string) =>
    onChange(tiers.map((tier, j) => (j === i ? { ...tier, [key]: value } : tier)));
  return (
    <div className="stack-sm">
      <div className="table-wrap">
        <table className="table table-compact">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th key={c}>{labels[c]}</th>
              ))}
              <th />
            </tr>
          </thead>
          <tbody>
            {tiers.map((tier, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: tiers are positional while being edited
              <tr key={i}>
                {COLUMNS.map((c) => {
                  const err = errors[`${prefix}.${i}.${c}`];
                  return (
                    <td key={c} className={err ? 'field-invalid' : undefined}>
                      <input
                        className="input"
                        inputMode="decimal"
                        aria-label={`${labels[c]} #${i + 1}`}
                        placeholder={
                          c === 'max_input_tokens' ? '∞' : c.startsWith('cache') ? t('common.optional') : ''
                        }
                        value={tier[c]}
                        onChange={(e) => update(i, c, e.target.value)}
                        title={err}
                      />
                      {err && <div className="field-error">{err}</div>}
                    </td>
                  );
                })}
                <td>
                  <button
                    type="button"
                    className="icon-btn"
                    aria-label={t('common.remove')}
                    onClick={() => onChange(tiers.filter((_, j) => j !== i))}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="row">
        <button type="button" className="btn btn-sm" onClick={() => onChange([...tiers, emptyTier()])}>
          + {t('billing.addTier')}
        </button>
        <span className="field-hint">{t('billing.tiersHint')}</span>
      </div>
      {errors[prefix] && <span className="field-error">{errors[prefix]}</span>}
    </div>
  );
}
