// Owns the logs table: one row per request, its failed attempts nested beneath, links to each detail.
import { Link } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { formatCost, formatDateTime, formatMs, formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { CacheMark, StatusBadge, StreamMark } from './log-status';
import type { LogItem, LogSummary } from './types';

function Mapping({ log }: { log: LogSummary }) {
  return (
    <span className="mono">
      {log.requested_model ?? '—'}
      {log.target_model && log.target_model !== log.requested_model && (
        <span className="muted"> → {log.target_model}</span>
      )}
    </span>
  );
}

function costTitle(log: LogSummary, t: ReturnType<typeof useT>): string {
  return t('logs.costBreakdown', { input: formatCost(log.input_cost), output: formatCost(log.output_cost) });
}

export function LogsTable({ items }: { items: LogItem[] }) {
  const t = useT();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return (
    <div className="table-wrap card">
      <table className="table table-compact logs-table" data-testid="logs-table">
        <thead>
          <tr>
            <th />
            <th>{t('logs.time')}</th>
            <th>{t('logs.provider')}</th>
            <th>{t('logs.mapping')}</th>
            <th className="num">{t('logs.ttfbTotal')}</th>
            <th className="num">{t('logs.tokensInOut')}</th>
            <th className="num">{t('logs.cost')}</th>
            <th>{t('common.status')}</th>
            <th>{t('logs.apiKey')}</th>
            <th>{t('logs.userId')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((log) => (
            <Fragment key={log.id}>
              <tr data-testid="log-row">
                <td>
                  {log.retry_attempt_count > 0 && (
                    <button
                      type="button"
                      className="icon-btn"
                      aria-expanded={open.has(log.id)}
                      aria-label={t('logs.showAttempts', { n: log.retry_attempt_count })}
                      onClick={() => toggle(log.id)}
                    >
                      {open.has(log.id) ? '▾' : '▸'}
                    </button>
                  )}
                </td>
                <td className="nowrap">
                  <Link to="/logs/$id" params={{ id: log.id }}>
                    {formatDateTime(log.request_time)}
                  </Link>
                </td>
                <td>{log.provider_name ?? '—'}</td>
                <td>
                  <Mapping log={log} /> <StreamMark stream={log.is_stream} /> <CacheMark log={log} />
                </td>
                <td className="num nowrap">
                  {formatMs(log.first_byte_delay_ms)} / {formatMs(log.total_time_ms)}
                </td>
                <td className="num nowrap">
                  {formatNumber(log.input_tokens)} / {formatNumber(log.output_tokens)}
                </td>
                <td className="num" title={costTitle(log, t)}>
                  {formatCost(log.total_cost)}
                  {log.price_source === 'DefaultZero' && (
                    <span className="badge badge-warning" title={t('logs.unpricedHint')}>
                      !
                    </span>
                  )}
                </td>
                <td>
                  <StatusBadge log={log} />
                </td>
                <td>{log.api_key_name ?? '—'}</td>
                <td className="muted">{log.user_id ?? ''}</td>
              </tr>
              {open.has(log.id) &&
                log.retry_attempts.map((a, i) => (
                  <tr key={a.id} className="sub-row" data-testid="attempt-row">
                    <td />
                    <td className="nowrap">
                      <Link to="/logs/$id" params={{ id: a.id }}>
                        {t('logs.attemptN', { n: (a.attempt_index ?? i) + 1 })}
                      </Link>
                    </td>
                    <td>{a.provider_name ?? '—'}</td>
                    <td>
                      <Mapping log={a} />
                    </td>
                    <td className="num nowrap">
                      {formatMs(a.first_byte_delay_ms)} / {formatMs(a.total_time_ms)}
                    </td>
                    <td className="num">{formatNumber(a.input_tokens)}</td>
                    <td />
                    <td>
                      <StatusBadge log={a} />
                    </td>
                    <td colSpan={2} className="muted truncate" title={a.error_message ?? undefined}>
                      {a.error_type ?? ''} {a.error_message ?? ''}
                    </td>
                  </tr>
                ))}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
