// Owns the Prometheus text exposition format (0.0.4): metric families rendered, latency histograms re-bucketed.
import { GROWTH, type Histogram } from './histogram';

export type Labels = Record<string, string>;

export interface Sample {
  labels: Labels;
  value: number;
}

export interface HistogramSample {
  labels: Labels;
  /** Cumulative counts at each of the family's bounds (seconds), the +Inf count, and the sum (seconds). */
  buckets: number[];
  count: number;
  sum: number;
}

export type MetricFamily =
  | { name: string; help: string; type: 'counter' | 'gauge'; samples: Sample[] }
  | { name: string; help: string; type: 'histogram'; bounds: number[]; samples: HistogramSample[] };

/** Latency bounds in seconds, Prometheus's usual spread widened to a long LLM answer. */
export const LATENCY_BOUNDS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

function labelText(labels: Labels, extra?: [string, string]): string {
  const pairs = Object.entries(labels);
  if (extra) pairs.push(extra);
  if (pairs.length === 0) return '';
  return `{${pairs.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

function num(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Number.POSITIVE_INFINITY) return '+Inf';
  return String(value);
}

/** The families as one exposition text (HELP and TYPE lines, then samples), ending in a newline. */
export function renderPrometheus(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f.type !== 'histogram') {
      for (const s of f.samples) lines.push(`${f.name}${labelText(s.labels)} ${num(s.value)}`);
      continue;
    }
    for (const s of f.samples) {
      f.bounds.forEach((le, i) => {
        lines.push(`${f.name}_bucket${labelText(s.labels, ['le', num(le)])} ${s.buckets[i] ?? 0}`);
      });
      lines.push(`${f.name}_bucket${labelText(s.labels, ['le', '+Inf'])} ${s.count}`);
      lines.push(`${f.name}_sum${labelText(s.labels)} ${num(s.sum)}`);
      lines.push(`${f.name}_count${labelText(s.labels)} ${s.count}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A rollup histogram (log-scale, `b<i>` covers [1.1^(i−1), 1.1^i) ms, `b0` below 1 ms) as cumulative
 * counts at `bounds` (seconds). A bucket counts toward a bound when its upper edge is within it, so a
 * value may land one bound late when it sits within 10 % under that bound.
 */
export function cumulativeBuckets(
  hist: Histogram,
  bounds: readonly number[],
): { buckets: number[]; count: number } {
  const buckets = bounds.map(() => 0);
  let count = 0;
  for (const [key, n] of Object.entries(hist)) {
    const index = Number(key.slice(1));
    if (!Number.isInteger(index) || !(n > 0)) continue;
    count += n;
    const upperSeconds = index <= 0 ? 0.001 : GROWTH ** index / 1000;
    bounds.forEach((le, i) => {
      if (upperSeconds <= le * (1 + 1e-9)) buckets[i] = (buckets[i] ?? 0) + n;
    });
  }
  return { buckets, count };
}
