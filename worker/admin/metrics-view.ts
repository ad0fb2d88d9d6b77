// Owns what /metrics exposes: rollup rows turned into Prometheus families (requests, errors, tokens, cost, latency).
import type { Histogram } from '../analytics/histogram';
import {
  cumulativeBuckets,
  type HistogramSample,
  LATENCY_BOUNDS,
  type Labels,
  type MetricFamily,
  type Sample,
} from '../analytics/prometheus';
import { groupKey, histogramsByGroup } from '../db/queries/rollup-read';

export interface CounterRow {
  model: string;
  providerId: number;
  provider: string | null;
  statusClass: number;
  isStream: number;
  requests: number;
  retries: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  cost: number;
  cacheHits: number;
  savedCost: number;
  firstByteSumMs: number;
  totalTimeSumMs: number;
}

export interface AttemptRow {
  providerId: number;
  provider: string | null;
  statusClass: number;
  attempts: number;
}

type HistogramRow = { g1: unknown; g2: unknown; k: string; n: number };

const statusLabel = (c: number) => (c === 0 ? 'none' : `${c}xx`);
const providerLabel = (id: number, name: string | null) => (id === 0 ? 'none' : (name ?? String(id)));

/** Adds `value` to the sample with these labels (rows of several hours or streams fold into one). */
function add(samples: Map<string, Sample>, labels: Labels, value: number): void {
  const key = JSON.stringify(labels);
  const found = samples.get(key);
  if (found) found.value += Number(value) || 0;
  else samples.set(key, { labels, value: Number(value) || 0 });
}

function counter(name: string, help: string, samples: Map<string, Sample>): MetricFamily {
  return { name, help, type: 'counter', samples: [...samples.values()] };
}

function latency(
  name: string,
  help: string,
  rows: HistogramRow[],
  names: Map<string, Labels>,
  sumsMs: Map<string, number>,
): MetricFamily {
  const samples: HistogramSample[] = [];
  for (const [key, hist] of histogramsByGroup(rows) as Map<string, Histogram>) {
    const labels = names.get(key);
    if (!labels) continue;
    const { buckets, count } = cumulativeBuckets(hist, LATENCY_BOUNDS);
    samples.push({ labels, buckets, count, sum: (sumsMs.get(key) ?? 0) / 1000 });
  }
  return { name, help, type: 'histogram', bounds: LATENCY_BOUNDS, samples };
}

/** Every family /metrics serves, counted since `since` (the start of the UTC day: counters reset there). */
export function metricFamilies(
  since: number,
  counters: CounterRow[],
  attempts: AttemptRow[],
  firstByte: HistogramRow[],
  totalTime: HistogramRow[],
): MetricFamily[] {
  const requests = new Map<string, Sample>();
  const errors = new Map<string, Sample>();
  const tokens = new Map<string, Sample>();
  const cost = new Map<string, Sample>();
  const saved = new Map<string, Sample>();
  const hits = new Map<string, Sample>();
  const retries = new Map<string, Sample>();
  const failed = new Map<string, Sample>();
  const names = new Map<string, Labels>();
  const firstByteMs = new Map<string, number>();
  const totalMs = new Map<string, number>();
  for (const row of counters) {
    const base = { model: row.model || 'unknown', provider: providerLabel(row.providerId, row.provider) };
    const key = groupKey(row.model, row.providerId);
    names.set(key, base);
    firstByteMs.set(key, (firstByteMs.get(key) ?? 0) + Number(row.firstByteSumMs));
    totalMs.set(key, (totalMs.get(key) ?? 0) + Number(row.totalTimeSumMs));
    const status = statusLabel(row.statusClass);
    add(requests, { ...base, status_class: status, stream: row.isStream ? 'true' : 'false' }, row.requests);
    if (row.statusClass !== 2 && row.statusClass !== 3)
      add(errors, { ...base, status_class: status }, row.requests);
    for (const [type, value] of [
      ['input', row.inputTokens],
      ['output', row.outputTokens],
      ['cache_read', row.cacheReadTokens],
      ['cache_write', row.cacheWriteTokens],
      ['reasoning', row.reasoningTokens],
    ] as const) {
      add(tokens, { ...base, type }, value);
    }
    add(cost, base, row.cost);
    add(saved, base, row.savedCost);
    add(hits, base, row.cacheHits);
    add(retries, base, row.retries);
  }
  for (const row of attempts) {
    add(
      failed,
      { provider: providerLabel(row.providerId, row.provider), status_class: statusLabel(row.statusClass) },
      row.attempts,
    );
  }
  const windowStart: MetricFamily = {
    name: 'llm_gateway_counters_since_seconds',
    help: 'Unix time the counters below start from (the UTC day: they reset at 00:00 UTC)',
    type: 'gauge',
    samples: [{ labels: {}, value: since / 1000 }],
  };
  return [
    windowStart,
    counter(
      'llm_gateway_requests_total',
      'Client requests by model, provider, status class and streaming',
      requests,
    ),
    counter('llm_gateway_request_errors_total', 'Client requests that did not end in 2xx/3xx', errors),
    counter(
      'llm_gateway_tokens_total',
      'Tokens by type (input, output, cache_read, cache_write, reasoning)',
      tokens,
    ),
    counter('llm_gateway_cost_usd_total', 'Cost in USD at the configured prices', cost),
    counter('llm_gateway_cache_hits_total', 'Requests answered from the response cache', hits),
    counter('llm_gateway_cache_saved_usd_total', 'USD the response cache saved', saved),
    counter('llm_gateway_retries_total', 'Retries and failovers made for client requests', retries),
    counter(
      'llm_gateway_upstream_failed_attempts_total',
      'Failed upstream attempts by provider and status class',
      failed,
    ),
    latency(
      'llm_gateway_time_to_first_byte_seconds',
      'Time from receiving the request to the first byte from the provider',
      firstByte,
      names,
      firstByteMs,
    ),
    latency('llm_gateway_request_duration_seconds', 'Total request time', totalTime, names, totalMs),
  ];
}
