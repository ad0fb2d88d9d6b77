// Owns the loading, empty and error states every page and panel shows.
import type { ReactNode } from 'react';
import { isApiError } from '../../lib/api';
import { useT } from '../../lib/i18n';

export function Loading({ label, inline }: { label?: string; inline?: boolean }) {
  const t = useT();
  return (
    <div className={inline ? 'loading loading-inline' : 'loading'} role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function Empty({ title, hint, action }: { title: string; hint?: string; action?: ReactNode }) {
  return (
    <div className="empty" data-testid="empty-state">
      <div className="empty-icon" aria-hidden="true">
        ∅
      </div>
      <p className="empty-title">{title}</p>
      {hint && <p className="muted">{hint}</p>}
      {action}
    </div>
  );
}

export function errorMessage(err: unknown, fallback: string): string {
  if (isApiError(err)) return err.message;
  if (err instanceof Error && err.message) return err.message;
  return fallback;
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  if (isApiError(error, 401)) return <Loading label={t('auth.redirecting')} />;
  return (
    <div className="error-state" role="alert">
      <p className="error-title">{t('common.errorTitle')}</p>
      <p>{errorMessage(error, t('common.unknownError'))}</p>
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

export function Skeleton({ rows = 5 }: { rows?: number }) {
  return (
    <div className="skeleton-list" aria-hidden="true">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="skeleton" />
      ))}
    </div>
  );
}
