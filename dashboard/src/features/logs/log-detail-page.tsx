// Owns one log's page: summary cards, error, attempts, payloads, and the replay tools (cURL, retry, playground).
import { useSuspenseQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { PageHeader } from '../../components/layout/page-header';
import { confirmAction } from '../../components/ui/confirm';
import { copyText } from '../../components/ui/copy-button';
import { Menu } from '../../components/ui/menu';
import { toast } from '../../components/ui/toast';
import { formatDateTime, formatMs } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { logDetailQuery } from './api';
import { clientCurl, upstreamCurl } from './detail/curl';
import { debugContext } from './detail/debug-context';
import { PayloadTabs } from './detail/payload-tabs';
import { RetryDialog } from './detail/retry-dialog';
import { OverviewCard, TimingCard, UsageCard } from './detail/summary-cards';
import { UsageDetailsCard } from './detail/usage-details';
import { StatusBadge } from './log-status';
import type { LogDetail } from './types';

const route = getRouteApi('/_app/logs/$id');

function DetailBanner({ log }: { log: LogDetail }) {
  const t = useT();
  if (log.detail_status === 'expired')
    return <div className="notice notice-warning">{t('logs.detailExpired')}</div>;
  if (log.detail_status === 'not_recorded')
    return <div className="notice notice-info">{t('logs.detailNotRecorded')}</div>;
  if (log.detail_truncated) return <div className="notice notice-info">{t('logs.detailTruncated')}</div>;
  return null;
}

function Attempts({ log }: { log: LogDetail }) {
  const t = useT();
  if (log.kind === 'attempt' && log.parent_request_id) {
    return (
      <div className="notice notice-info">
        {t('logs.isAttempt')}{' '}
        <Link to="/logs/$id" params={{ id: log.parent_request_id }}>
          {t('logs.openRequest')}
        </Link>
      </div>
    );
  }
  if (log.retry_attempts.length === 0) return null;
  return (
    <section className="card card-body">
      <h3>{t('logs.failedAttempts', { n: log.retry_attempts.length })}</h3>
      <table className="table table-compact">
        <tbody>
          {log.retry_attempts.map((a, i) => (
            <tr key={a.id} className="sub-row">
              <td>
                <Link to="/logs/$id" params={{ id: a.id }}>
                  {t('logs.attemptN', { n: (a.attempt_index ?? i) + 1 })}
                </Link>
              </td>
              <td>{a.provider_name}</td>
              <td className="mono">{a.target_model}</td>
              <td>
                <StatusBadge log={a} />
              </td>
              <td>{formatMs(a.total_time_ms)}</td>
              <td className="muted">{a.error_message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function LogDetailPage() {
  const t = useT();
  const { id } = route.useParams();
  const { data: log } = useSuspenseQuery(logDetailQuery(id));
  const [retrying, setRetrying] = useState(false);
  const recorded = log.detail_status === 'available' && log.kind === 'request';
  // A replay runs as the original key; the model test's own requests have none.
  const retryable = recorded && log.api_key_id !== null;
  const upstream = upstreamCurl(log);

  async function copy(text: string, done = t('logs.curlCopied')) {
    await copyText(text);
    toast.success(done);
  }

  async function askRetry() {
    const ok = await confirmAction({
      title: t('logs.retry'),
      message: t('logs.retryConfirm'),
      confirmLabel: t('logs.retry'),
    });
    if (ok) setRetrying(true);
  }

  return (
    <div className="page">
      <div className="muted">
        <Link to="/logs">← {t('logs.title')}</Link>
      </div>
      <PageHeader
        title={t(log.kind === 'attempt' ? 'logs.attemptTitle' : 'logs.detailTitle')}
        subtitle={`${formatDateTime(log.request_time)} · ${log.requested_model ?? ''}`}
        actions={
          <>
            <Menu
              label={t('logs.copyAs')}
              items={[
                {
                  label: t('logs.curlClient'),
                  onSelect: () => copy(clientCurl(log)),
                  disabled: log.detail_status !== 'available',
                },
                {
                  label: t('logs.curlUpstream'),
                  onSelect: () => upstream && copy(upstream),
                  disabled: !upstream || log.detail_status !== 'available',
                },
                {
                  label: t('logs.debugContext'),
                  onSelect: () => copy(debugContext(log), t('logs.debugCopied')),
                },
              ]}
            />
            <button type="button" className="btn" disabled={!retryable} onClick={askRetry}>
              {t('logs.retry')}
            </button>
            {recorded ? (
              <Link to="/playground" search={{ id: log.id }} className="btn btn-primary">
                {t('logs.openPlayground')}
              </Link>
            ) : (
              <button type="button" className="btn btn-primary" disabled>
                {t('logs.openPlayground')}
              </button>
            )}
          </>
        }
      />
      <DetailBanner log={log} />
      {log.adjustments && log.adjustments.length > 0 && (
        <section className="notice notice-info">
          <strong>{t('logs.adjustments')}</strong>
          <ul>
            {log.adjustments.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </section>
      )}
      {(log.error_message || log.error_info) && (
        <section className="notice notice-danger" role="alert">
          <strong>{log.error_type ?? t('logs.error')}</strong>
          <p>{log.error_message}</p>
          {log.error_info && log.error_info !== log.error_message && (
            <pre className="code wrap">{log.error_info}</pre>
          )}
        </section>
      )}
      <div className="grid-2">
        <OverviewCard log={log} />
        <div className="stack">
          <TimingCard log={log} />
          <UsageCard log={log} />
          <UsageDetailsCard usage={log.usage_details} />
        </div>
      </div>
      <Attempts log={log} />
      {log.detail_status === 'available' && <PayloadTabs log={log} />}
      {retrying && <RetryDialog logId={log.id} onClose={() => setRetrying(false)} />}
    </div>
  );
}
