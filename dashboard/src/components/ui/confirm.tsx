// Owns confirmation of destructive actions: `confirmAction()` resolves true only when the user agrees.
import { useState, useSyncExternalStore } from 'react';
import { useT } from '../../lib/i18n';
import { Dialog } from './dialog';

export interface ConfirmRequest {
  title: string;
  message: string;
  confirmLabel?: string;
  danger?: boolean;
  /** When set, the user must type this text before confirming. */
  typeToConfirm?: string;
}

interface Pending extends ConfirmRequest {
  resolve: (ok: boolean) => void;
}

let pending: Pending | null = null;
const listeners = new Set<() => void>();
const emit = () => {
  for (const l of listeners) l();
};

/** Asks the user; resolves false if another confirmation replaces this one. */
export function confirmAction(request: ConfirmRequest): Promise<boolean> {
  pending?.resolve(false);
  return new Promise((resolve) => {
    pending = { ...request, resolve };
    emit();
  });
}

function settle(ok: boolean) {
  pending?.resolve(ok);
  pending = null;
  emit();
}

export function ConfirmHost() {
  const current = useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => pending,
  );
  if (!current) return null;
  return <ConfirmDialog key={current.title + current.message} request={current} />;
}

function ConfirmDialog({ request }: { request: ConfirmRequest }) {
  const t = useT();
  const [typed, setTyped] = useState('');
  const blocked = request.typeToConfirm !== undefined && typed !== request.typeToConfirm;
  return (
    <Dialog
      open
      size="sm"
      title={request.title}
      onClose={() => settle(false)}
      footer={
        <>
          <button type="button" className="btn" onClick={() => settle(false)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={request.danger ? 'btn btn-danger' : 'btn btn-primary'}
            disabled={blocked}
            onClick={() => settle(true)}
            data-testid="confirm-ok"
          >
            {request.confirmLabel ?? t('common.confirm')}
          </button>
        </>
      }
    >
      <p className="confirm-message">{request.message}</p>
      {request.typeToConfirm !== undefined && (
        <label className="field">
          <span className="field-label">{t('common.typeToConfirm', { text: request.typeToConfirm })}</span>
          <input className="input" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </label>
      )}
    </Dialog>
  );
}
