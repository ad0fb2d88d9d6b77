// Owns what one log row adds to its hourly rollup: the rollup key and the sums (pure).
import { bucketKey } from './histogram';

export const HOUR_MS = 3_600_000;
/**
 * The rollup series, by grain (minutes): hourly per key for history, five-minute per key for recent,
 * short views, and the hourly and daily series over every key together (api_key_id 0): a view
 * that does not filter by key reads it, a small fraction of the rows (one per model, provider, status
 * and stream instead of one per key too). Negative so its rows sit apart in the primary key.
 */
export const ALL_KEYS_HOURLY = -60;
/** The same per UTC day: a long view in whole UTC days reads one row per combination per day. */
export const ALL_KEYS_DAILY = -1440;
export const GRAINS = [60, 5, ALL_KEYS_HOURLY, ALL_KEYS_DAILY] as const;
export type Grain = (typeof GRAINS)[number];

/** The fields of an index row a rollup reads (a subset of the request_logs insert). */
export interface RollupSource {
  kind: 'request' | 'attempt';
  requestTime: number;
  requestedModel?: string | null;
  providerId?: number | null;
  providerName?: string | null;
  targetModel?: string | null;
  apiKeyId?: number | null;
  apiKeyName?: string | null;
  responseStatus?: number | null;
  isStream?: boolean;
  retryCount?: number;
  firstByteDelayMs?: number | null;
  totalTimeMs?: number | null;
  inputTokens?: number | null;
  outputTokens?: number | null;
  cacheReadTokens?: number | null;
  cacheWriteTokens?: number | null;
  reasoningTokens?: number | null;
  totalCost?: number | null;
  inputCost?: number | null;
  outputCost?: number | null;
  cacheStatus?: 'HIT' | 'MISS' | 'BYPASS' | null;
  savedCost?: number | null;
}

export interface RollupKey {
  grain: Grain;
  bucketStart: number;
  kind: 'request' | 'attempt';
  requestedModel: string;
  providerId: number;
  targetModel: string;
  apiKeyId: number;
  statusClass: number;
  isStream: number;
  outcome: number;
}

export interface RollupDelta extends RollupKey {
  providerName: string | null;
  apiKeyName: string | null;
  requests: number;
  retries: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalCost: number;
  inputCost: number;
  outputCost: number;
  cacheHits: number;
  cacheLookups: number;
  savedCost: number;
  firstByteCount: number;
  firstByteSumMs: number;
  totalTimeCount: number;
  totalTimeSumMs: number;
  /** The histogram bucket key of this row's first byte / total time, or null when it has none. */
  firstByteBucket: string | null;
  totalTimeBucket: string | null;
}

/**
 * Rows that stand for one real upstream outcome: every failed attempt, every request that was served
 * (it has a first byte), and requests that failed before any upstream try. A request that failed on
 * every try is not one: its attempt rows already count each try; nor is a cache HIT, which reached
 * no provider.
 */
export function isOutcome(r: RollupSource): boolean {
  if (r.cacheStatus === 'HIT') return false;
  return r.kind === 'attempt' || (r.firstByteDelayMs ?? null) !== null || (r.retryCount ?? 0) === 0;
}

const num = (v: number | null | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** The rollup row of one grain a log row lands in, and what it adds there. */
export function rollupDelta(r: RollupSource, grain: Grain): RollupDelta {
  const ttfb = r.firstByteDelayMs ?? null;
  const total = r.totalTimeMs ?? null;
  const width = Math.abs(grain) * 60_000;
  const allKeys = grain < 0;
  return {
    grain,
    bucketStart: Math.floor(r.requestTime / width) * width,
    kind: r.kind,
    requestedModel: r.requestedModel ?? '',
    providerId: r.providerId ?? 0,
    targetModel: r.targetModel ?? '',
    apiKeyId: allKeys ? 0 : (r.apiKeyId ?? 0),
    statusClass: r.responseStatus ? Math.floor(r.responseStatus / 100) : 0,
    isStream: r.isStream ? 1 : 0,
    outcome: isOutcome(r) ? 1 : 0,
    providerName: r.providerName ?? null,
    apiKeyName: allKeys ? null : (r.apiKeyName ?? null),
    requests: 1,
    retries: num(r.retryCount),
    inputTokens: num(r.inputTokens),
    outputTokens: num(r.outputTokens),
    cacheReadTokens: num(r.cacheReadTokens),
    cacheWriteTokens: num(r.cacheWriteTokens),
    reasoningTokens: num(r.reasoningTokens),
    totalCost: num(r.totalCost),
    inputCost: num(r.inputCost),
    outputCost: num(r.outputCost),
    cacheHits: r.cacheStatus === 'HIT' ? 1 : 0,
    cacheLookups: r.cacheStatus === 'HIT' || r.cacheStatus === 'MISS' ? 1 : 0,
    savedCost: num(r.savedCost),
    firstByteCount: ttfb === null ? 0 : 1,
    firstByteSumMs: num(ttfb),
    totalTimeCount: total === null ? 0 : 1,
    totalTimeSumMs: num(total),
    firstByteBucket: ttfb === null ? null : bucketKey(ttfb),
    totalTimeBucket: total === null ? null : bucketKey(total),
  };
}
