// Owns pausing a link for a while: duration presets or an explicit end time.
import { useState } from 'react';
import { Dialog } from '../../components/ui/dialog';
import { Field } from '../../components/ui/field';
import { fromLocalInput, toLocalInput } from '../../lib/format';
import { useT } from '../../lib/i18n';

const PRESETS: { minutes: number; label: string }[] = [
  { minutes: 15, label: '15m' },
  { minutes: 60, label: '1h' },
  { minutes: 240, label: '4h' },
  { minutes: 1440, label: '24h' },
  { minutes: 10_080, label: '7d' },
];

export function PauseDialog({
  onPause,
  onClose,
}: {
  onPause: (untilIso: string) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [custom, setCustom] = useState(toLocalInput(Date.now() + 3_600_000));
  const customIso = fromLocalInput(custom);
  const valid = customIso !== undefined && new Date(customIso).getTime() > Date.now();
  return (
    <Dialog
      open
      size="sm"
      onClose={onClose}
      title={t('links.pauseTitle')}
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={!valid}
            onClick={() => customIso && onPause(customIso)}
          >
            {t('links.pauseUntil')}
          </button>
        </>
      }
    >
      <div className="stack">
        <p className="field-hint">{t('links.pauseHint')}</p>
        <div className="row">
          {PRESETS.map((p) => (
            <button
              key={p.minutes}
              type="button"
              className="btn"
              onClick={() => onPause(new Date(Date.now() + p.minutes * 60_000).toISOString())}
            >
              {p.label}
            </button>
          ))}
        </div>
        <Field label={t('links.pauseCustom')} error={valid ? undefined : t('links.pauseFuture')}>
          <input
            className="input"
            type="datetime-local"
            value={custom}
            onChange={(e) => setCustom(e.target.value)}
          />
        </Field>
      </div>
    </Dialog>
  );
}
