// Owns link health math: outcome classes, the bucketed sliding window, degradation, probes, cooldowns.
import type { LinkStatus } from '../routing/plan-types';

export interface HealthConfig {
  windowMs: number;
  minSamples: number;
  failureRateThreshold: number;
  /** A degraded link gets one half-open probe per interval. */
  probeIntervalMs: number;
  /** Retry-After values above this are capped, so a hostile header cannot bench a link for days. */
  maxCooldownMs: number;
}

export const PROBE_INTERVAL_MS = 30_000;
export const MAX_COOLDOWN_MS = 10 * 60_000;

export const DEFAULT_HEALTH_CONFIG: HealthConfig = {
  windowMs: 600_000,
  minSamples: 6,
  failureRateThreshold: 0.5,
  probeIntervalMs: PROBE_INTERVAL_MS,
  maxCooldownMs: MAX_COOLDOWN_MS,
};

/** The settings (validated env variables) that tune health. */
export interface HealthSettings {
  PROVIDER_HEALTH_WINDOW_SECONDS: number;
  PROVIDER_HEALTH_MIN_SAMPLES: number;
  PROVIDER_HEALTH_FAILURE_RATE_THRESHOLD: number;
  PROVIDER_HEALTH_PROBE_INTERVAL_SECONDS: number;
}

/** The health settings from the validated configuration. */
export function healthConfig(config: HealthSettings): HealthConfig {
  return {
    ...DEFAULT_HEALTH_CONFIG,
    windowMs: config.PROVIDER_HEALTH_WINDOW_SECONDS * 1000,
    minSamples: config.PROVIDER_HEALTH_MIN_SAMPLES,
    failureRateThreshold: config.PROVIDER_HEALTH_FAILURE_RATE_THRESHOLD,
    probeIntervalMs: config.PROVIDER_HEALTH_PROBE_INTERVAL_SECONDS * 1000,
  };
}

/** Successes and failures that fell into one time slice: `[sliceStartMs, successes, failures]`. */
export type Bucket = [start: number, successes: number, failures: number];

/** Everything stored per link: at most ~11 buckets and three timestamps, whatever the traffic. */
export interface LinkHealth {
  buckets: Bucket[];
  cooldownUntil: number | null;
  nextProbeAt: number | null;
  lastProbeAt: number | null;
}

export type OutcomeClass = 'success' | 'failure' | 'ignored';

/** One logical call to a link (after its same-provider retries), as the proxy reports it. */
export interface AttemptOutcome {
  linkId: number;
  /** Final HTTP status; transport errors are reported as 502, timeouts as 504, mid-stream failures as 502. */
  status: number;
  /** Parsed Retry-After of a 429/503/529, in ms. */
  retryAfterMs?: number | null;
  /** True when the plan placed this link first as a half-open probe. */
  probe?: boolean;
}

/**
 * Squirrel §5.3: 200–399 succeed; 401, 403, 408, 429 and every status ≥ 500 (529 and the synthetic
 * 502/504 included) fail; other statuses (client payload errors) say nothing about the provider.
 */
export function classifyStatus(status: number): OutcomeClass {
  if (status >= 200 && status <= 399) return 'success';
  if (status === 401 || status === 403 || status === 408 || status === 429 || status >= 500) return 'failure';
  return 'ignored';
}

/** A tenth of the window (at least 1 s): a sample counts for between one window and 1.1 windows. */
export function bucketWidth(cfg: HealthConfig): number {
  return Math.max(1000, Math.ceil(cfg.windowMs / 10));
}

export function windowCounts(h: LinkHealth, now: number, cfg: HealthConfig) {
  let samples = 0;
  let failures = 0;
  for (const [start, s, f] of h.buckets) {
    if (!inWindow(start, now, cfg)) continue;
    samples += s + f;
    failures += f;
  }
  return { samples, failures, failureRate: samples > 0 ? failures / samples : 0 };
}

/** Degraded: at least `minSamples` samples in the window and a failure rate at or above the threshold. */
export function isDegraded(h: LinkHealth, now: number, cfg: HealthConfig): boolean {
  const { samples, failureRate } = windowCounts(h, now, cfg);
  return samples >= cfg.minSamples && failureRate >= cfg.failureRateThreshold;
}

/** The planner's view of a link now. A cooling-down link is not probed: Retry-After said when to return. */
export function linkStatus(h: LinkHealth, now: number, cfg: HealthConfig): LinkStatus {
  const { failureRate } = windowCounts(h, now, cfg);
  const degraded = isDegraded(h, now, cfg);
  const cooldownUntil = h.cooldownUntil !== null && h.cooldownUntil > now ? h.cooldownUntil : null;
  const dueAt = h.nextProbeAt ?? 0;
  const probeDueSince = degraded && cooldownUntil === null && dueAt <= now ? dueAt : null;
  return { degraded, failureRate, cooldownUntil, probeDueSince };
}

/**
 * Applies one outcome. Rules:
 * - ignored statuses change nothing;
 * - a successful probe clears the window and any cooldown: the link is healthy again at once;
 * - any other success is one sample and ends a cooldown (the provider is answering again);
 * - a failure is one sample; turning degraded schedules the first probe one interval later, and a
 *   failed probe keeps the next probe where issuing it put it (one interval after it was sent);
 * - a 429/503/529 with Retry-After cools the link down for min(Retry-After, maxCooldownMs).
 */
export function recordOutcome(
  existing: LinkHealth | undefined,
  outcome: AttemptOutcome,
  now: number,
  cfg: HealthConfig,
): LinkHealth {
  const h = prune(existing ?? emptyHealth(), now, cfg);
  const kind = classifyStatus(outcome.status);
  if (kind === 'ignored') return h;
  if (kind === 'success') {
    if (outcome.probe) return { ...emptyHealth(), lastProbeAt: h.lastProbeAt };
    return { ...addSample(h, now, cfg, false), cooldownUntil: null };
  }
  const wasDegraded = isDegraded(h, now, cfg);
  const next = addSample(h, now, cfg, true);
  if (!wasDegraded && isDegraded(next, now, cfg)) next.nextProbeAt = now + cfg.probeIntervalMs;
  const cooldown = cooldownMs(outcome.status, outcome.retryAfterMs, cfg);
  if (cooldown !== null) next.cooldownUntil = Math.max(next.cooldownUntil ?? 0, now + cooldown);
  return next;
}

/** Records that the plan sent a probe now: the next one may go one interval later. */
export function markProbeSent(h: LinkHealth, now: number, cfg: HealthConfig): LinkHealth {
  return { ...h, lastProbeAt: now, nextProbeAt: now + cfg.probeIntervalMs };
}

/** How long Retry-After benches a link, capped; null when the status or header does not ask for it. */
export function cooldownMs(status: number, retryAfterMs: number | null | undefined, cfg: HealthConfig) {
  if (status !== 429 && status !== 503 && status !== 529) return null;
  if (typeof retryAfterMs !== 'number' || !Number.isFinite(retryAfterMs) || retryAfterMs <= 0) return null;
  return Math.min(retryAfterMs, cfg.maxCooldownMs);
}

/** Drops what no longer matters; null when nothing is left worth storing. */
export function pruneLink(h: LinkHealth, now: number, cfg: HealthConfig): LinkHealth | null {
  const next = prune(h, now, cfg);
  if (next.cooldownUntil !== null && next.cooldownUntil <= now) next.cooldownUntil = null;
  if (!isDegraded(next, now, cfg)) next.nextProbeAt = null;
  return next.buckets.length === 0 && next.cooldownUntil === null ? null : next;
}

export function emptyHealth(): LinkHealth {
  return { buckets: [], cooldownUntil: null, nextProbeAt: null, lastProbeAt: null };
}

function inWindow(start: number, now: number, cfg: HealthConfig): boolean {
  return start + bucketWidth(cfg) > now - cfg.windowMs;
}

function prune(h: LinkHealth, now: number, cfg: HealthConfig): LinkHealth {
  return { ...h, buckets: h.buckets.filter(([start]) => inWindow(start, now, cfg)) };
}

function addSample(h: LinkHealth, now: number, cfg: HealthConfig, failed: boolean): LinkHealth {
  const width = bucketWidth(cfg);
  const start = Math.floor(now / width) * width;
  const buckets = h.buckets.map((b): Bucket => [...b]);
  const last = buckets.at(-1);
  // A clock that steps back lands in the newest bucket rather than reordering history.
  if (last && last[0] >= start) {
    if (failed) last[2] += 1;
    else last[1] += 1;
  } else {
    buckets.push([start, failed ? 0 : 1, failed ? 1 : 0]);
  }
  return { ...h, buckets };
}
