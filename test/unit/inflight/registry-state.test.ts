import { describe, expect, it } from 'vitest';
import { RegistryCore } from '../../../worker/inflight/registry-state';
import type { InFlightEntry } from '../../../worker/inflight/schemas';

function entry(id: string, startedAt = 1000): InFlightEntry {
  return {
    trace_id: id,
    started_at: startedAt,
    requested_model: 'm',
    path: '/v1/chat/completions',
    is_stream: false,
    api_key_id: 1,
    api_key_name: 'k',
    user_id: null,
  };
}

describe('in-flight registry core', () => {
  it('lists what isolates added and forgets what they removed', () => {
    const core = new RegistryCore(10_000);
    core.sync(
      { isolate: 'isolate-a', full: true, added: [entry('trace-1'), entry('trace-2')], removed: [] },
      0,
    );
    core.sync({ isolate: 'isolate-b', full: true, added: [entry('trace-3')], removed: [] }, 0);
    core.sync({ isolate: 'isolate-a', full: false, added: [], removed: ['trace-1'] }, 100);
    expect(
      core
        .list(200)
        .map((e) => [e.isolate, e.trace_id])
        .sort(),
    ).toEqual([
      ['isolate-a', 'trace-2'],
      ['isolate-b', 'trace-3'],
    ]);
  });

  it('asks an isolate it does not know for its whole set instead of applying deltas', () => {
    const core = new RegistryCore(10_000);
    expect(
      core.sync({ isolate: 'isolate-a', full: false, added: [entry('trace-1')], removed: [] }, 0),
    ).toEqual({
      cancel: [],
      resync: true,
    });
    expect(core.list(0)).toEqual([]);
    core.sync({ isolate: 'isolate-a', full: true, added: [entry('trace-1')], removed: [] }, 0);
    expect(core.list(0)).toHaveLength(1);
  });

  it('hands a cancel to the isolate running the request until it reports the request gone', () => {
    const core = new RegistryCore(10_000);
    core.sync({ isolate: 'isolate-a', full: true, added: [entry('trace-1')], removed: [] }, 0);
    core.sync({ isolate: 'isolate-b', full: true, added: [entry('trace-2')], removed: [] }, 0);
    expect(core.cancel('trace-1', 'by admin', 10)).toBe(true);
    expect(core.cancel('trace-9', 'by admin', 10)).toBe(false);
    expect(core.list(10).find((e) => e.trace_id === 'trace-1')?.cancel_requested).toBe(true);
    expect(core.sync({ isolate: 'isolate-b', full: false, added: [], removed: [] }, 20).cancel).toEqual([]);
    const answer = { cancel: [{ trace_id: 'trace-1', reason: 'by admin' }], resync: false };
    expect(core.sync({ isolate: 'isolate-a', full: false, added: [], removed: [] }, 20)).toEqual(answer);
    expect(core.sync({ isolate: 'isolate-a', full: false, added: [], removed: [] }, 30)).toEqual(answer);
    expect(
      core.sync({ isolate: 'isolate-a', full: false, added: [], removed: ['trace-1'] }, 40).cancel,
    ).toEqual([]);
    expect(core.cancel('trace-1', 'again', 50)).toBe(false);
  });

  it('drops the requests of an isolate that stopped syncing', () => {
    const core = new RegistryCore(5_000);
    core.sync({ isolate: 'isolate-a', full: true, added: [entry('trace-1')], removed: [] }, 0);
    core.sync({ isolate: 'isolate-b', full: true, added: [entry('trace-2')], removed: [] }, 4_000);
    expect(core.list(5_500).map((e) => e.trace_id)).toEqual(['trace-2']);
    expect(core.cancel('trace-1', 'late', 5_500)).toBe(false);
  });

  it('replaces an isolate’s set on a full sync', () => {
    const core = new RegistryCore(10_000);
    core.sync(
      { isolate: 'isolate-a', full: true, added: [entry('trace-1'), entry('trace-2')], removed: [] },
      0,
    );
    core.sync({ isolate: 'isolate-a', full: true, added: [entry('trace-3')], removed: [] }, 10);
    expect(core.list(10).map((e) => e.trace_id)).toEqual(['trace-3']);
  });
});
