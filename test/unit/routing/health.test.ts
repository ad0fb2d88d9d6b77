import { describe, expect, it } from 'vitest';
import {
  type AttemptOutcome,
  bucketWidth,
  DEFAULT_HEALTH_CONFIG as cfg,
  classifyStatus,
  emptyHealth,
  healthConfig,
  isDegraded,
  type LinkHealth,
  linkStatus,
  markProbeSent,
  pruneLink,
  recordOutcome,
  windowCounts,
} from '../../../worker/balancer/health';
import { parseRetryAfter } from '../../../worker/lib/timing';

const T0 = 1_700_000_000_000;

function apply(
  statuses: number[],
  at = T0,
  start: LinkHealth = emptyHealth(),
  extra: Partial<AttemptOutcome> = {},
) {
  return statuses.reduce((h, status) => recordOutcome(h, { linkId: 1, status, ...extra }, at, cfg), start);
}

describe('outcome classification', () => {
  it('counts 200–399 as success', () => {
    for (const s of [200, 201, 204, 301, 399]) expect(classifyStatus(s)).toBe('success');
  });

  it('counts 401, 403, 408, 429 and every 5xx (529, synthetic 502/504 included) as failure', () => {
    for (const s of [401, 403, 408, 429, 500, 502, 503, 504, 529, 599])
      expect(classifyStatus(s)).toBe('failure');
  });

  it('ignores other client errors, which say nothing about the provider', () => {
    for (const s of [400, 404, 409, 413, 422, 499, 0, 100]) expect(classifyStatus(s)).toBe('ignored');
  });

  it('ignored outcomes leave the window untouched', () => {
    expect(windowCounts(apply([400, 404, 422]), T0, cfg).samples).toBe(0);
  });
});

describe('degradation', () => {
  it('needs the minimum number of samples', () => {
    expect(isDegraded(apply([500, 500, 500, 500, 500]), T0, cfg)).toBe(false);
    expect(isDegraded(apply([500, 500, 500, 500, 500, 500]), T0, cfg)).toBe(true);
  });

  it('needs a failure rate at or above the threshold', () => {
    expect(isDegraded(apply([500, 500, 500, 200, 200, 200]), T0, cfg)).toBe(true);
    expect(isDegraded(apply([500, 500, 200, 200, 200, 200]), T0, cfg)).toBe(false);
  });

  it('forgets samples once they leave the window', () => {
    const h = apply([500, 500, 500, 500, 500, 500]);
    expect(isDegraded(h, T0 + cfg.windowMs - 1, cfg)).toBe(true);
    expect(isDegraded(h, T0 + cfg.windowMs + bucketWidth(cfg), cfg)).toBe(false);
    expect(pruneLink(h, T0 + cfg.windowMs + bucketWidth(cfg), cfg)).toBeNull();
  });

  it('takes its settings from the configuration', () => {
    const strict = healthConfig({
      PROVIDER_HEALTH_WINDOW_SECONDS: 60,
      PROVIDER_HEALTH_MIN_SAMPLES: 2,
      PROVIDER_HEALTH_FAILURE_RATE_THRESHOLD: 0.9,
      PROVIDER_HEALTH_PROBE_INTERVAL_SECONDS: 5,
    });
    expect(strict.windowMs).toBe(60_000);
    expect(strict.probeIntervalMs).toBe(5_000);
    const h = [500, 500].reduce(
      (acc, status) => recordOutcome(acc, { linkId: 1, status }, T0, strict),
      emptyHealth(),
    );
    expect(isDegraded(h, T0, strict)).toBe(true);
  });

  it('stays small: one bucket per tenth of the window, whatever the traffic', () => {
    let h = emptyHealth();
    for (let i = 0; i < 5000; i++) h = recordOutcome(h, { linkId: 1, status: 200 }, T0 + i * 240, cfg);
    expect(h.buckets.length).toBeLessThanOrEqual(11);
    expect(JSON.stringify(h).length).toBeLessThan(400);
  });
});

describe('half-open probe', () => {
  const degraded = apply([500, 500, 500, 500, 500, 500]);

  it('schedules the first probe one interval after the link turns degraded', () => {
    expect(degraded.nextProbeAt).toBe(T0 + cfg.probeIntervalMs);
    expect(linkStatus(degraded, T0 + 1000, cfg).probeDueSince).toBeNull();
    expect(linkStatus(degraded, T0 + cfg.probeIntervalMs, cfg).probeDueSince).toBe(T0 + cfg.probeIntervalMs);
  });

  it('sending a probe pushes the next one an interval later', () => {
    const at = T0 + cfg.probeIntervalMs;
    const sent = markProbeSent(degraded, at, cfg);
    expect(sent.lastProbeAt).toBe(at);
    expect(linkStatus(sent, at + 1, cfg).probeDueSince).toBeNull();
    expect(linkStatus(sent, at + cfg.probeIntervalMs, cfg).probeDueSince).toBe(at + cfg.probeIntervalMs);
  });

  it('a successful probe clears the window: healthy at once', () => {
    const at = T0 + cfg.probeIntervalMs;
    const sent = markProbeSent(degraded, at, cfg);
    const after = recordOutcome(sent, { linkId: 1, status: 200, probe: true }, at + 500, cfg);
    expect(linkStatus(after, at + 500, cfg)).toMatchObject({ degraded: false, failureRate: 0 });
    expect(windowCounts(after, at + 500, cfg).samples).toBe(0);
  });

  it('a failed probe keeps the link degraded and the next probe where sending put it', () => {
    const at = T0 + cfg.probeIntervalMs;
    const sent = markProbeSent(degraded, at, cfg);
    const after = recordOutcome(sent, { linkId: 1, status: 503, probe: true }, at + 500, cfg);
    expect(isDegraded(after, at + 500, cfg)).toBe(true);
    expect(after.nextProbeAt).toBe(at + cfg.probeIntervalMs);
  });

  it('an ordinary success is just a sample', () => {
    const after = recordOutcome(degraded, { linkId: 1, status: 200 }, T0, cfg);
    expect(isDegraded(after, T0, cfg)).toBe(true);
  });
});

describe('cooldowns', () => {
  it('a 429, 503 or 529 with Retry-After cools the link down for that long', () => {
    for (const status of [429, 503, 529]) {
      const h = apply([status], T0, emptyHealth(), { retryAfterMs: 5000 });
      expect(linkStatus(h, T0, cfg).cooldownUntil).toBe(T0 + 5000);
      expect(linkStatus(h, T0 + 5000, cfg).cooldownUntil).toBeNull();
    }
  });

  it('caps Retry-After at ten minutes', () => {
    const h = apply([429], T0, emptyHealth(), { retryAfterMs: 86_400_000 });
    expect(h.cooldownUntil).toBe(T0 + cfg.maxCooldownMs);
    expect(cfg.maxCooldownMs).toBe(600_000);
  });

  it('needs both the status and the header', () => {
    expect(apply([429]).cooldownUntil).toBeNull();
    expect(apply([500], T0, emptyHealth(), { retryAfterMs: 5000 }).cooldownUntil).toBeNull();
  });

  it('ends early when the link answers successfully', () => {
    const h = apply([429], T0, emptyHealth(), { retryAfterMs: 60_000 });
    expect(recordOutcome(h, { linkId: 1, status: 200 }, T0 + 10, cfg).cooldownUntil).toBeNull();
  });

  it('suspends probing while cooling down', () => {
    const h = apply([500, 500, 500, 500, 500, 429], T0, emptyHealth(), { retryAfterMs: 120_000 });
    expect(linkStatus(h, T0 + cfg.probeIntervalMs, cfg)).toMatchObject({
      degraded: true,
      probeDueSince: null,
    });
  });
});

describe('parseRetryAfter', () => {
  const headers = (h: Record<string, string>) => new Headers(h);

  it('reads retry-after-ms, then retry-after in seconds or as an HTTP date', () => {
    expect(parseRetryAfter(headers({ 'retry-after-ms': '1500', 'retry-after': '9' }), T0)).toBe(1500);
    expect(parseRetryAfter(headers({ 'retry-after': '7' }), T0)).toBe(7000);
    expect(parseRetryAfter(headers({ 'retry-after': new Date(T0 + 30_000).toUTCString() }), T0)).toBe(30_000);
  });

  it('is null when absent or unreadable, and never negative', () => {
    expect(parseRetryAfter(headers({}), T0)).toBeNull();
    expect(parseRetryAfter(headers({ 'retry-after': 'soon' }), T0)).toBeNull();
    expect(parseRetryAfter(headers({ 'retry-after': new Date(T0 - 30_000).toUTCString() }), T0)).toBe(0);
  });
});
