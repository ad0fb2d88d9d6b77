// Sets up a gateway configuration against the mock upstream: providers, a model with links, and a key.
import { env } from 'cloudflare:workers';
import { admin, unique } from './http';

export interface ProviderSpec {
  protocol?: string;
  weight?: number;
  priority?: number;
  target?: string;
  apiKey?: string;
  timeoutSeconds?: number;
  extra?: Record<string, unknown>;
}

export interface Setup {
  model: string;
  key: string;
  providers: { id: number; name: string; path: string; linkId: number }[];
}

/** Provider options that forward the mock's `x-mock-*` request knobs, like any operator-chosen header. */
export const MOCK_KNOBS = { forward_headers: ['x-mock-*'] };

/** The mock's base URL for a named provider. */
export function mockBase(name: string): string {
  return `${env.MOCK_UPSTREAM_URL}/p/${name}/v1`;
}

/** Creates a model routed to one mock provider per spec, and a fresh gateway key. */
export async function setupGateway(
  specs: ProviderSpec[],
  model: Record<string, unknown> = {},
): Promise<Setup> {
  const modelName = unique('model');
  const created = await admin.post('/models', { requested_model: modelName, ...model });
  if (created.status !== 201) throw new Error(`model: ${created.text}`);
  const providers = [];
  for (const spec of specs) {
    const name = unique('prov');
    const p = await admin.post('/providers', {
      name,
      base_url: mockBase(name),
      protocol: spec.protocol ?? 'openai',
      api_key: spec.apiKey ?? `sk-upstream-${name}`,
      response_timeout_seconds: spec.timeoutSeconds,
      // The mock's per-request knobs (x-mock-fault, …) are client headers the operator lets through.
      provider_options: MOCK_KNOBS,
      ...spec.extra,
    });
    if (p.status !== 201) throw new Error(`provider: ${p.text}`);
    const link = await admin.post('/model-providers', {
      requested_model: modelName,
      provider_id: p.json.id,
      target_model_name: spec.target ?? `${name}-target`,
      weight: spec.weight,
      priority: spec.priority,
    });
    if (link.status !== 201) throw new Error(`link: ${link.text}`);
    providers.push({ id: p.json.id as number, name, path: `/p/${name}`, linkId: link.json.id as number });
  }
  const key = await admin.post('/api-keys', { key_name: unique('key') });
  return { model: modelName, key: key.json.key_value as string, providers };
}

/** Queues one-shot faults on the mock for a provider. */
export async function queueFaults(provider: string, faults: Record<string, unknown>[], path?: string) {
  const res = await fetch(`${env.MOCK_UPSTREAM_URL}/__mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider, path, faults }),
  });
  if (!res.ok) throw new Error(`faults: ${await res.text()}`);
}

export interface Recorded {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  /** The gateway hung up before the mock finished its reply. */
  clientClosed: boolean;
}

/** Requests the mock received for a provider. */
export async function recorded(provider: string): Promise<Recorded[]> {
  const res = await fetch(`${env.MOCK_UPSTREAM_URL}/__mock/requests?provider=${provider}`);
  return ((await res.json()) as { requests: Recorded[] }).requests;
}
