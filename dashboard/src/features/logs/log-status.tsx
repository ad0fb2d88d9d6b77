// Owns how a log's outcome is shown: status badge with retries, and the stream marker.
import { formatCost } from '../../lib/format';
import { useT } from '../../lib/i18n';
import type { LogSummary } from './types';

export function StatusBadge({
  log,
}: {
  log: Pick<LogSummary, 'response_status' | 'retry_count' | 'error_message'>;
}) {
  const t = useT();
  const s = log.response_status;
  const cls =
    s === null
      ? 'badge badge-muted'
      : s < 400
        ? 'badge badge-success'
        : s < 500
          ? 'badge badge-warning'
          : 'badge badge-danger';
  return (
    <span className="badges">
      <span className={cls} title={log.error_message ?? undefined}>
        {s ?? t('logs.pending')}
      </span>
      {log.retry_count > 0 && (
        <span className="badge badge-warning">{t('logs.retryCount', { n: log.retry_count })}</span>
      )}
    </span>
  );
}

export function StreamMark({ stream }: { stream: boolean }) {
  const t = useT();
  return stream ? (
    <span className="badge badge-info" title={t('logs.streamed')}>
      SSE
    </span>
  ) : null;
}

/** A request answered from the response cache: no provider call and no cost (the title says what it saved). */
export function CacheMark({ log }: { log: Pick<LogSummary, 'cache_status' | 'saved_cost'> }) {
  const t = useT();
  if (log.cache_status !== 'HIT') return null;
  const saved = `${t('cache.savedCost')}: ${formatCost(log.saved_cost)}`;
  return (
    <span
      className="badge badge-success"
      title={`${t('cache.hitBadge')} ${saved}`}
      data-testid="cache-hit-badge"
    >
      {t('cache.status')}
    </span>
  );
}
