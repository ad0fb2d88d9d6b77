// Owns how numbers, money, durations and instants are shown.
import { getPrefs } from './prefs';

function intlLocale(): string {
  return getPrefs().locale === 'zh' ? 'zh-CN' : 'en-US';
}

export function formatNumber(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  return new Intl.NumberFormat(intlLocale()).format(n);
}

/** 1234567 → 1.2M; small numbers stay exact. */
export function formatCompact(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  if (Math.abs(n) < 10_000) return formatNumber(Math.round(n * 100) / 100);
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** Costs are USD with up to 4 decimals (the gateway rounds each component up to 4 decimals). */
export function formatCost(n: number | null | undefined): string {
  if (n === null || n === undefined || Number.isNaN(n)) return '—';
  // Costs are exact; a small one keeps two significant digits ($0.000012) rather than reading as zero.
  if (n > 0 && n < 0.0001) return `$${n.toFixed(1 - Math.floor(Math.log10(n))).replace(/0+$/, '')}`;
  const digits = n !== 0 && Math.abs(n) < 0.01 ? 4 : 2;
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: digits })}`;
}

export function formatPrice(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  return `$${n.toLocaleString('en-US', { maximumFractionDigits: 4 })}`;
}

export function formatPercent(ratio: number | null | undefined): string {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return '—';
  const pct = ratio <= 1 ? ratio * 100 : ratio;
  return `${pct.toFixed(pct >= 99.95 || pct === 0 ? 0 : 1)}%`;
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return `${Math.floor(ms / 60_000)}m ${Math.round((ms % 60_000) / 1000)}s`;
}

export function formatDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return new Intl.DateTimeFormat(intlLocale(), {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(d);
}

/** A chart axis label for a bucket start: time of day for short ranges, the date for long ones. */
export function formatBucket(value: string | number, spanMs: number): string {
  const d = new Date(value);
  const opts: Intl.DateTimeFormatOptions =
    spanMs <= 36 * 3_600_000
      ? { hour: '2-digit', minute: '2-digit', hour12: false }
      : spanMs <= 8 * 86_400_000
        ? { month: '2-digit', day: '2-digit', hour: '2-digit', hour12: false }
        : { month: '2-digit', day: '2-digit' };
  return new Intl.DateTimeFormat(intlLocale(), opts).format(d);
}

/** Whole hours and minutes until an instant, e.g. "3h 20m"; null when it has passed. */
export function formatRemaining(until: string | null | undefined, now = Date.now()): string | null {
  if (!until) return null;
  const ms = new Date(until).getTime() - now;
  if (!(ms > 0)) return null;
  const minutes = Math.ceil(ms / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h >= 48) return `${Math.floor(h / 24)}d ${h % 24}h`;
  return h > 0 ? `${h}h ${m}m` : `${m}m`;
}

/** A value for `<input type="datetime-local">` in local time. */
export function toLocalInput(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The ISO instant of a `datetime-local` value, or undefined when empty or invalid. */
export function fromLocalInput(value: string): string | undefined {
  if (!value) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
