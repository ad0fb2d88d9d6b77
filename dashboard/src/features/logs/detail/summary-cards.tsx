// Owns the log detail's summary cards: overview, timings, and usage with the cost breakdown.
import { CopyButton } from '../../../components/ui/copy-button';
import { formatCost, formatDateTime, formatMs, formatNumber } from '../../../lib/format';
import { useT } from '../../../lib/i18n';
import { StatusBadge } from '../log-status';
import type { LogDetail } from '../types';

export function OverviewCard({ log }: { log: LogDetail }) {
  const t = useT();
  return (
    <section className="card card-body" data-testid="log-overview">
      <h3>{t('logs.overview')}</h3>
      <dl className="kv">
        <dt>{t('logs.traceId')}</dt>
        <dd className="row">
          <span className="mono">{log.trace_id}</span>
          <CopyButton text={log.trace_id} small />
        </dd>
        <dt>{t('logs.time')}</dt>
        <dd>{formatDateTime(log.request_time)}</dd>
        <dt>{t('common.status')}</dt>
        <dd>
          <StatusBadge log={log} />
        </dd>
        <dt>{t('logs.mapping')}</dt>
        <dd className="mono">
          {log.requested_model ?? '—'} → {log.target_model ?? '—'}
        </dd>
        <dt>{t('logs.provider')}</dt>
        <dd>{log.provider_name ?? '—'}</dd>
        <dt>{t('logs.apiKey')}</dt>
        <dd>{log.api_key_name ?? '—'}</dd>
        <dt>{t('logs.userId')}</dt>
        <dd>{log.user_id ?? '—'}</dd>
        <dt>{t('logs.protocols')}</dt>
        <dd>
          {log.request_protocol ?? '—'} → {log.supplier_protocol ?? '—'}
        </dd>
        <dt>{t('logs.path')}</dt>
        <dd className="mono">
          {log.request_method ?? 'POST'} {log.request_path ?? '—'}
        </dd>
        <dt>{t('logs.stream')}</dt>
        <dd>{log.is_stream ? t('common.yes') : t('common.no')}</dd>
        {log.cache_status && (
          <>
            <dt>{t('cache.status')}</dt>
            <dd data-testid="log-cache-status">{t(`cache.${log.cache_status}`)}</dd>
          </>
        )}
        {log.upstream_url && (
          <>
            <dt>{t('logs.upstreamUrl')}</dt>
            <dd className="mono">{log.upstream_url}</dd>
          </>
        )}
        {log.matched_provider_count !== null && (
          <>
            <dt>{t('logs.matched')}</dt>
            <dd>{log.matched_provider_count}</dd>
          </>
        )}
        {log.balancer_fallback && (
          <>
            <dt>{t('logs.balancer')}</dt>
            <dd>
              <span className="badge badge-warning">{t('logs.balancerFallback')}</span>
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export function TimingCard({ log }: { log: LogDetail }) {
  const t = useT();
  const total = log.total_time_ms ?? 0;
  const first = log.first_byte_delay_ms ?? 0;
  const pct = total > 0 ? Math.min(100, (first / total) * 100) : 0;
  return (
    <section className="card card-body" data-testid="log-timings">
      <h3>{t('logs.timings')}</h3>
      <dl className="kv">
        <dt>{t('logs.ttfb')}</dt>
        <dd>{formatMs(log.first_byte_delay_ms)}</dd>
        <dt>{t('logs.totalTime')}</dt>
        <dd>{formatMs(log.total_time_ms)}</dd>
        <dt>{t('logs.retries')}</dt>
        <dd>{log.retry_count}</dd>
      </dl>
      {total > 0 && (
        <>
          <div className="timing-bar" title={`${formatMs(first)} / ${formatMs(total)}`}>
            <span className="timing-first" style={{ width: `${pct}%` }} />
          </div>
          <div className="chart-legend timing-legend">
            <span>
              <span className="dot" style={{ background: 'var(--chart-3)' }} /> {t('logs.ttfb')}
            </span>
            <span>
              <span className="dot" style={{ background: 'var(--chart-1)' }} /> {t('logs.afterFirstToken')}
            </span>
          </div>
        </>
      )}
    </section>
  );
}

export function UsageCard({ log }: { log: LogDetail }) {
  const t = useT();
  const rows: [string, number | null][] = [
    [t('logs.inputTokens'), log.input_tokens],
    [t('logs.outputTokens'), log.output_tokens],
    [t('logs.cacheRead'), log.cache_read_tokens],
    [t('logs.cacheWrite'), log.cache_write_tokens],
    [t('logs.reasoning'), log.reasoning_tokens],
    [t('logs.totalTokens'), log.total_tokens],
  ];
  return (
    <section className="card card-body" data-testid="log-usage">
      <h3>{t('logs.usageCost')}</h3>
      <div className="grid-2">
        <dl className="kv">
          {rows.map(([label, n]) => (
            <div key={label} className="kv-pair">
              <dt>{label}</dt>
              <dd className="num">{formatNumber(n)}</dd>
            </div>
          ))}
        </dl>
        <dl className="kv">
          <dt>{t('logs.inputCost')}</dt>
          <dd className="num">{formatCost(log.input_cost)}</dd>
          <dt>{t('logs.cachedInputCost')}</dt>
          <dd className="num">{formatCost(log.cached_input_cost)}</dd>
          <dt>{t('logs.outputCost')}</dt>
          <dd className="num">{formatCost(log.output_cost)}</dd>
          <dt>
            <strong>{t('logs.totalCost')}</strong>
          </dt>
          <dd className="num" data-testid="log-total-cost">
            <strong>{formatCost(log.total_cost)}</strong>
          </dd>
          {log.saved_cost !== null && (
            <>
              <dt>{t('cache.savedCost')}</dt>
              <dd className="num" data-testid="log-saved-cost">
                {formatCost(log.saved_cost)}
              </dd>
            </>
          )}
          <dt>{t('logs.priceSource')}</dt>
          <dd>
            {log.price_source ?? '—'}
            {log.price_source === 'DefaultZero' && (
              <span className="badge badge-warning">{t('logs.unpriced')}</span>
            )}
          </dd>
          <dt>{t('logs.usageSource')}</dt>
          <dd>{log.usage_source ?? '—'}</dd>
        </dl>
      </div>
    </section>
  );
}
