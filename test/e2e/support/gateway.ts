// Drives a running gateway over HTTP for end-to-end tests: admin setup and mock-upstream helpers.
import { appendFileSync } from 'node:fs';
import { inject } from 'vitest';

export const gatewayUrl = () => inject('gatewayUrl');
export const mockUrl = () => inject('mockUrl');

/** Remembers a secret this suite handed to the gateway, for the scan after the suite. */
export function plantSecret(secret: string): void {
  appendFileSync(inject('secretsFile'), `${secret}\n`);
}

/** Provider options that forward the mock's `x-mock-*` request knobs, like any operator-chosen header. */
export const MOCK_KNOBS = { forward_headers: ['x-mock-*'] };

let counter = 0;
export function unique(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

export async function adminCall(
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${gatewayUrl()}/api/admin${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export interface E2eProvider {
  protocol?: string;
  /** Cloud providers live under their own paths on the mock and take their own kind of secret. */
  baseUrl?: (name: string) => string;
  apiKey?: (name: string) => string | Promise<string>;
  weight?: number;
  priority?: number;
  target?: string;
}

export interface E2eSetup {
  model: string;
  key: string;
  providers: { id: number; name: string; linkId: number }[];
}

/** Creates providers on the mock, a model linked to them, and a key — the README's walkthrough. */
export async function setupGateway(
  specs: E2eProvider[],
  model: Record<string, unknown> = {},
): Promise<E2eSetup> {
  // Clients that key behaviour off the model name (Codex) get a name of their choosing.
  const name = typeof model.requested_model === 'string' ? model.requested_model : unique('e2e-model');
  await adminCall('POST', '/models', { ...model, requested_model: name });
  const providers = [];
  for (const spec of specs) {
    const pname = unique('e2e-prov');
    const apiKey = spec.apiKey ? await spec.apiKey(pname) : `sk-e2e-upstream-${pname}`;
    plantSecret(apiKey);
    const p = await adminCall('POST', '/providers', {
      name: pname,
      base_url: spec.baseUrl ? spec.baseUrl(pname) : `${mockUrl()}/p/${pname}/v1`,
      protocol: spec.protocol ?? 'openai',
      api_key: apiKey,
      provider_options: MOCK_KNOBS,
    });
    const link = await adminCall('POST', '/model-providers', {
      requested_model: name,
      provider_id: p.id,
      target_model_name: spec.target ?? `${pname}-target`,
      weight: spec.weight,
      priority: spec.priority,
    });
    providers.push({ id: p.id as number, name: pname, linkId: link.id as number });
  }
  const key = await adminCall('POST', '/api-keys', { key_name: unique('e2e-key') });
  plantSecret(key.key_value as string);
  return { model: name, key: key.key_value as string, providers };
}

export async function queueFaults(provider: string, faults: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${mockUrl()}/__mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ provider, faults }),
  });
  if (!res.ok) throw new Error(await res.text());
}

export async function recordedCount(provider: string): Promise<number> {
  const res = await fetch(`${mockUrl()}/__mock/requests?provider=${provider}`);
  return ((await res.json()) as { requests: unknown[] }).requests.length;
}
