import { describe, expect, it } from 'vitest';
import { modelAllowed } from '../../../worker/limits/allow-list';
import { grantSize, grantUnits } from '../../../worker/limits/grant';
import { keyLimitsOf } from '../../../worker/limits/types';
import {
  formatReset,
  minuteStart,
  periodEnd,
  periodStart,
  retryAfterSeconds,
} from '../../../worker/limits/windows';

const at = (iso: string) => Date.parse(iso);

describe('limit windows and budget periods', () => {
  it('aligns minute windows to the UTC minute', () => {
    expect(minuteStart(at('2026-03-05T10:11:59.999Z'))).toBe(at('2026-03-05T10:11:00Z'));
    expect(minuteStart(at('2026-03-05T10:12:00Z'))).toBe(at('2026-03-05T10:12:00Z'));
  });

  it('uses UTC calendar days and months, and no reset for total', () => {
    const now = at('2026-01-31T23:30:00Z');
    expect(periodStart('day', now)).toBe(at('2026-01-31T00:00:00Z'));
    expect(periodEnd('day', now)).toBe(at('2026-02-01T00:00:00Z'));
    expect(periodStart('month', now)).toBe(at('2026-01-01T00:00:00Z'));
    expect(periodEnd('month', now)).toBe(at('2026-02-01T00:00:00Z'));
    expect(periodEnd('month', at('2026-12-15T00:00:00Z'))).toBe(at('2027-01-01T00:00:00Z'));
    expect(periodStart('total', now)).toBe(0);
    expect(periodEnd('total', now)).toBeNull();
  });

  it('writes reset durations the way OpenAI does and rounds retry-after up to whole seconds', () => {
    expect(formatReset(17)).toBe('17ms');
    expect(formatReset(1500)).toBe('1.5s');
    expect(formatReset(360_000)).toBe('6m0s');
    expect(formatReset(-5)).toBe('0ms');
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(30_001)).toBe(31);
    expect(retryAfterSeconds(0)).toBe(1);
  });
});

describe('model allow-lists', () => {
  it('matches exact names and prefixes ending in *', () => {
    expect(modelAllowed(['gpt-4o'], 'gpt-4o')).toBe(true);
    expect(modelAllowed(['gpt-4o'], 'gpt-4o-mini')).toBe(false);
    expect(modelAllowed(['gpt-4o*'], 'gpt-4o-mini')).toBe(true);
    expect(modelAllowed(['claude-*', 'gpt-4o'], 'claude-sonnet-4')).toBe(true);
    expect(modelAllowed(['*'], 'anything')).toBe(true);
    expect(modelAllowed([], 'gpt-4o')).toBe(false);
  });
});

describe('grant sizes', () => {
  it('hands out at most half of what is left per holder, ending in single units', () => {
    expect(grantUnits(50, 1, 100, 1)).toBe(50);
    expect(grantUnits(80, 1, 100, 1)).toBe(50);
    expect(grantUnits(80, 1, 100, 4)).toBe(12);
    expect(grantUnits(10, 1, 3, 2)).toBe(1);
    expect(grantUnits(10, 1, 0, 1)).toBe(0);
    expect(grantUnits(0, 1, 100, 1)).toBe(0);
  });

  it('gives a budget grant of at least one worst case while that much is left, else the remainder', () => {
    expect(grantSize(1, 0.3, 10, 1)).toBe(1);
    expect(grantSize(5, 0.3, 1, 10)).toBeCloseTo(0.3);
    expect(grantSize(5, 0.3, 0.1, 1)).toBeCloseTo(0.1);
    expect(grantSize(5, 0.3, -1, 1)).toBe(0);
  });
});

describe('key limits', () => {
  const none = {
    rpmLimit: null,
    tpmLimit: null,
    concurrencyLimit: null,
    budgetUsd: null,
    budgetPeriod: null,
    allowedModels: null,
    userRpmLimit: null,
    userBudgetUsd: null,
  };

  it('is null for a key without limits, so the proxy skips governance', () => {
    expect(keyLimitsOf(none)).toBeNull();
    expect(keyLimitsOf({ ...none, allowedModels: [] })).toBeNull();
  });

  it('separates the key scope, the per-user scope and the allow-list; a budget is monthly by default', () => {
    const limits = keyLimitsOf({ ...none, budgetUsd: 5, userRpmLimit: 10, allowedModels: ['a*'] });
    expect(limits?.key).toMatchObject({ budgetUsd: 5, budgetPeriod: 'month', rpm: null });
    expect(limits?.user).toMatchObject({ rpm: 10, budgetUsd: null, budgetPeriod: 'month' });
    expect(limits?.allowedModels).toEqual(['a*']);
    expect(keyLimitsOf({ ...none, allowedModels: ['x'] })).toEqual({
      key: null,
      user: null,
      allowedModels: ['x'],
    });
  });
});
