import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from '../mock-upstream/server.ts';
import { E2E_VARS } from './global-setup.ts';
import { unique } from './support/gateway.ts';
import { startWranglerDev, type WranglerDev } from './support/wrangler-dev.ts';

// A gateway and mock of their own: a 1 s probe interval, and a request log big enough for the run.
let gw: WranglerDev;
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ host: '127.0.0.1', maxRecorded: 5000 });
  gw = await startWranglerDev({
    ...E2E_VARS,
    RETRY_DELAY_MS: '1',
    PROVIDER_HEALTH_PROBE_INTERVAL_SECONDS: '1',
  });
});

afterAll(async () => {
  await gw?.stop();
  await mock?.close();
});

async function admin(path: string, body: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${gw.url}/api/admin${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

function requestsTo(provider: string): { time: number }[] {
  return mock.requests(provider);
}

describe('a provider that answers 503 to everything, under load', () => {
  it('costs the clients nothing, stops getting traffic once degraded, and is still probed', async () => {
    const model = unique('load');
    await admin('/models', { requested_model: model });
    const names = [unique('good-a'), unique('good-b'), unique('bad')];
    for (const name of names) {
      const p = await admin('/providers', { name, protocol: 'openai', base_url: mock.providerUrl(name) });
      // The mock answers 503 to every request for a target model named `mock-status-503`.
      const target = name.startsWith('bad') ? 'mock-status-503' : 'ok-model';
      await admin('/model-providers', {
        requested_model: model,
        provider_id: p.id,
        target_model_name: target,
      });
    }
    const key = (await admin('/api-keys', { key_name: unique('load-key') })).key_value as string;

    const total = 1000;
    const concurrency = 16;
    const statuses: number[] = [];
    const started = Date.now();
    let next = 0;
    const worker = async () => {
      while (next < total) {
        next++;
        const res = await fetch(`${gw.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model, messages: [{ role: 'user', content: 'load' }] }),
        });
        await res.arrayBuffer();
        statuses.push(res.status);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    const elapsedS = (Date.now() - started) / 1000;

    const bad = requestsTo(names[2]!);
    const good = requestsTo(names[0]!).length + requestsTo(names[1]!).length;
    const ok = statuses.filter((s) => s === 200).length;
    // Degraded after 6 failed calls; from then on it only sees probes (one per second, 3 tries each).
    const lateWindowStart = started + (elapsedS * 1000) / 2;
    const late = bad.filter((r) => r.time >= lateWindowStart).length;
    console.log(
      `load: ${ok}/${total} ok in ${elapsedS.toFixed(1)} s; good providers ${good} requests; ` +
        `failing provider ${bad.length} requests (${late} in the second half of the run)`,
    );
    expect(ok).toBe(total);
    expect(good).toBe(total);
    expect(bad.length).toBeGreaterThanOrEqual(6);
    expect(bad.length).toBeLessThan(total / 10);
    expect(late).toBeLessThanOrEqual(3 * (Math.ceil(elapsedS / 2) + 2));
    expect(bad.some((r) => r.time > started + 1500)).toBe(true);
  }, 120_000);
});
