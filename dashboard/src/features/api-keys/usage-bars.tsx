// Owns the usage bars of a key: each limit with how much of it is used now (refreshed every few seconds).
import { useQuery } from '@tanstack/react-query';
import { formatCost, formatDateTime, formatNumber } from '../../lib/format';
import { useT } from '../../lib/i18n';
import { type ApiKey, hasUsageLimits, type KeyUsage, keyUsageQuery } from './api';

interface Bar {
  label: string;
  used: number;
  limit: number;
  text: string;
  note?: string;
}

function barsOf(u: KeyUsage, t: ReturnType<typeof useT>): Bar[] {
  const bars: Bar[] = [];
  const count = (used: number, limit: number) => `${formatNumber(used)} / ${formatNumber(limit)}`;
  if (u.rpm_limit !== null && u.requests_this_minute !== null)
    bars.push({
      label: t('limits.requestsMinute'),
      used: u.requests_this_minute,
      limit: u.rpm_limit,
      text: count(u.requests_this_minute, u.rpm_limit),
    });
  if (u.tpm_limit !== null && u.tokens_this_minute !== null)
    bars.push({
      label: t('limits.tokensMinute'),
      used: u.tokens_this_minute,
      limit: u.tpm_limit,
      text: count(u.tokens_this_minute, u.tpm_limit),
    });
  if (u.concurrency_limit !== null && u.in_flight !== null)
    bars.push({
      label: t('limits.inFlight'),
      used: u.in_flight,
      limit: u.concurrency_limit,
      text: count(u.in_flight, u.concurrency_limit),
    });
  if (u.budget_usd !== null) {
    const reserved = u.reserved_usd ?? 0;
    bars.push({
      label: u.period_start
        ? t('limits.spendPeriod', { start: formatDateTime(u.period_start) })
        : t('limits.spend'),
      used: u.spend_usd + reserved,
      limit: u.budget_usd,
      text: `${formatCost(u.spend_usd)} / ${formatCost(u.budget_usd)}`,
      note: [
        reserved > 0 ? t('limits.reserved', { amount: formatCost(reserved) }) : null,
        t('limits.remaining', { amount: formatCost(u.remaining_usd ?? 0) }),
      ]
        .filter(Boolean)
        .join(' · '),
    });
  }
  return bars;
}

function Meter({ bar, compact }: { bar: Bar; compact?: boolean }) {
  const ratio = bar.limit > 0 ? Math.min(1, bar.used / bar.limit) : 1;
  const level = ratio >= 1 ? 'full' : ratio >= 0.8 ? 'high' : 'ok';
  return (
    <div className={`usage-meter${compact ? ' usage-meter-compact' : ''}`}>
      <div className="usage-meter-head">
        <span>{bar.label}</span>
        <span className="mono">{bar.text}</span>
      </div>
      {/* The numbers above say it in text; the bar is decoration for the eye. */}
      <div className={`usage-meter-track usage-${level}`} aria-hidden="true" data-ratio={ratio.toFixed(3)}>
        <div className="usage-meter-fill" style={{ width: `${(ratio * 100).toFixed(1)}%` }} />
      </div>
      {bar.note && !compact && <span className="field-hint">{bar.note}</span>}
    </div>
  );
}

/** A bar per limit of the key, or "No limits"; `compact` for a table cell. */
export function UsageBars({ apiKey, compact }: { apiKey: ApiKey; compact?: boolean }) {
  const t = useT();
  const limited = hasUsageLimits(apiKey);
  const { data, isError } = useQuery({ ...keyUsageQuery(apiKey.id), enabled: limited });
  if (!limited) return <span className="muted">{t('limits.none')}</span>;
  if (isError) return <span className="muted">{t('limits.unavailable')}</span>;
  if (!data) return <span className="muted">…</span>;
  return (
    <div className={compact ? 'usage-bars usage-bars-compact' : 'usage-bars'}>
      {barsOf(data, t).map((b) => (
        <Meter key={b.label} bar={b} compact={compact} />
      ))}
    </div>
  );
}
