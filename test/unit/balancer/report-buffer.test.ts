import { describe, expect, it } from 'vitest';
import type { BalancerEnv } from '../../../worker/balancer/client';
import type { AttemptOutcome } from '../../../worker/balancer/health';
import { queueOutcomes } from '../../../worker/balancer/report-buffer';

function fakeEnv() {
  const calls: { model: string; outcomes: AttemptOutcome[] }[] = [];
  const env: BalancerEnv = {
    BALANCER: {
      idFromName: (name: string) => ({ name }) as unknown as DurableObjectId,
      get: (id: DurableObjectId) => ({
        sync: async (outcomes: AttemptOutcome[]) => {
          calls.push({ model: (id as unknown as { name: string }).name, outcomes });
          return { links: [], probe: null };
        },
      }),
    },
  };
  return { env, calls };
}

describe('balancer report batching', () => {
  it('sends the outcomes of many requests to each model in one call', async () => {
    const { env, calls } = fakeEnv();
    const flushes = [
      queueOutcomes(env, 'a', [{ linkId: 1, status: 200 }]),
      queueOutcomes(env, 'a', [{ linkId: 2, status: 500 }]),
      queueOutcomes(env, 'b', [{ linkId: 3, status: 429, retryAfterMs: 1000 }]),
    ];
    expect(calls).toHaveLength(0);
    await Promise.all(flushes);
    expect(calls).toEqual([
      {
        model: 'a',
        outcomes: [
          { linkId: 1, status: 200 },
          { linkId: 2, status: 500 },
        ],
      },
      { model: 'b', outcomes: [{ linkId: 3, status: 429, retryAfterMs: 1000 }] },
    ]);
  });

  it('starts a new batch after a flush and sends nothing for no outcomes', async () => {
    const { env, calls } = fakeEnv();
    await queueOutcomes(env, 'a', []);
    expect(calls).toHaveLength(0);
    await queueOutcomes(env, 'a', [{ linkId: 1, status: 200 }]);
    await queueOutcomes(env, 'a', [{ linkId: 1, status: 502 }]);
    expect(calls.map((c) => c.outcomes.length)).toEqual([1, 1]);
  });
});
