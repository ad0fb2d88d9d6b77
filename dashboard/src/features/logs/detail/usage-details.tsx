// Owns the log detail's upstream usage breakdown: per-modality token counts, and the raw usage object.
import { JsonView } from '../../../components/ui/json-view';
import { formatNumber } from '../../../lib/format';
import { type MessageKey, useT } from '../../../lib/i18n';

/** The per-modality keys of the normalized usage `details`, in display order. */
const DETAIL_LABELS: [string, MessageKey][] = [
  ['inputTextTokens', 'usage.inputText'],
  ['inputAudioTokens', 'usage.inputAudio'],
  ['inputImageTokens', 'usage.inputImage'],
  ['outputTextTokens', 'usage.outputText'],
  ['outputAudioTokens', 'usage.outputAudio'],
  ['outputImageTokens', 'usage.outputImage'],
  ['acceptedPredictionTokens', 'usage.acceptedPrediction'],
  ['rejectedPredictionTokens', 'usage.rejectedPrediction'],
  ['cacheWrite5mTokens', 'usage.cacheWrite5m'],
  ['cacheWrite1hTokens', 'usage.cacheWrite1h'],
];

function asRecord(value: unknown): Record<string, unknown> | null {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** The detail rows the upstream reported (numbers only), and its raw usage object. */
function readUsageDetails(usage: Record<string, unknown>) {
  const details = asRecord(usage.details) ?? {};
  const rows = DETAIL_LABELS.flatMap(([key, label]) => {
    const n = details[key];
    return typeof n === 'number' && Number.isFinite(n) ? [{ key, label, n }] : [];
  });
  return { rows, raw: asRecord(usage.raw) };
}

export function UsageDetailsCard({ usage }: { usage: Record<string, unknown> | null }) {
  const t = useT();
  if (!usage) return null;
  const { rows, raw } = readUsageDetails(usage);
  if (rows.length === 0 && !raw) return null;
  return (
    <section className="card card-body" data-testid="log-usage-details">
      <h3>{t('usage.title')}</h3>
      {rows.length > 0 ? (
        <dl className="kv">
          {rows.map((r) => (
            <div key={r.key} className="kv-pair">
              <dt>{t(r.label)}</dt>
              <dd className="num">{formatNumber(r.n)}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="muted">{t('usage.noDetails')}</p>
      )}
      {raw && (
        <details className="collapsible">
          <summary>{t('usage.raw')}</summary>
          <JsonView value={raw} maxHeight={320} />
        </details>
      )}
    </section>
  );
}
