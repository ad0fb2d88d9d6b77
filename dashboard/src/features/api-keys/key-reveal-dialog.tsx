// Owns the one-time reveal of a new key: shown once, copyable, closed only after the user says it is saved.
import { useState } from 'react';
import { CopyButton } from '../../components/ui/copy-button';
import { Dialog } from '../../components/ui/dialog';
import { API_BASE } from '../../lib/api';
import { useT } from '../../lib/i18n';
import type { ApiKey } from './api';

export function KeyRevealDialog({ created, onClose }: { created: ApiKey; onClose: () => void }) {
  const t = useT();
  const [saved, setSaved] = useState(false);
  const base = `${API_BASE || window.location.origin}/v1`;
  return (
    <Dialog
      open
      locked={!saved}
      onClose={onClose}
      title={t('keys.revealTitle')}
      footer={
        <button type="button" className="btn btn-primary" disabled={!saved} onClick={onClose}>
          {t('common.done')}
        </button>
      }
    >
      <div className="stack">
        <div className="notice notice-warning">{t('keys.revealWarning')}</div>
        <div className="row">
          <input
            className="input mono grow"
            readOnly
            value={created.key_value}
            data-testid="revealed-key"
            aria-label={t('keys.key')}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton text={created.key_value} />
        </div>
        <div className="code-block">
          <pre className="code wrap">{`from openai import OpenAI\nclient = OpenAI(base_url="${base}", api_key="${created.key_value}")`}</pre>
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />
          <span>{t('keys.savedConfirm')}</span>
        </label>
      </div>
    </Dialog>
  );
}
