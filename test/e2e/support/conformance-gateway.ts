// Opens one client→provider pair on the running gateway: model, provider on the mock, key, SDK clients, recorded requests.
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { type BaseProtocol, CLOUD, type CloudProtocol } from './conformance-cloud.ts';
import { gatewayUrl, mockUrl, setupGateway } from './gateway.ts';

export type ClientProtocol = 'chat' | 'messages' | 'responses' | 'completions' | 'gemini';
export type ProviderProtocol = BaseProtocol | CloudProtocol;

/** A request as the mock upstream received it, with its JSON body parsed when it had one. */
export interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  bodyBase64: string;
}

export interface Pair {
  client: ClientProtocol;
  provider: ProviderProtocol;
  /** The model clients ask for. */
  model: string;
  /** The provider's model name the gateway must send upstream. */
  target: string;
  /** The gateway key the clients use. */
  key: string;
  openai(): OpenAI;
  anthropic(): Anthropic;
  /** The official Google GenAI SDK pointed at the gateway's `/v1beta` (the key as `x-goog-api-key`). */
  gemini(): GoogleGenAI;
  /** Every request the mock received for this pair's provider, oldest first. */
  received(): Promise<Received[]>;
  /** The last request the mock received for this pair's provider. */
  last(): Promise<Received>;
}

/** No SDK call may wait longer than this: a hang fails the test instead of stalling the suite. */
export const SDK_TIMEOUT_MS = 15_000;

interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  bodyBase64: string;
}

async function recorded(provider: string): Promise<Received[]> {
  const res = await fetch(`${mockUrl()}/__mock/requests?provider=${encodeURIComponent(provider)}`);
  const { requests } = (await res.json()) as { requests: RecordedRequest[] };
  return requests.map((r) => ({
    path: r.path,
    headers: r.headers,
    body: parseBody(r.body),
    bodyBase64: r.bodyBase64,
  }));
}

function parseBody(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Creates a model served by one provider of `provider`'s protocol on the mock, and clients for it. */
export async function openPair(client: ClientProtocol, provider: ProviderProtocol): Promise<Pair> {
  const cloud = provider in CLOUD ? CLOUD[provider as CloudProtocol] : undefined;
  const g = await setupGateway([{ protocol: provider, ...cloud }]);
  const name = g.providers[0]?.name ?? '';
  // setupGateway's default target; unique per pair, so the mock's prompt caches never collide.
  const target = `${name}-target`;
  const received = () => recorded(name);
  return {
    client,
    provider,
    model: g.model,
    target,
    key: g.key,
    openai: () =>
      new OpenAI({
        baseURL: `${gatewayUrl()}/v1`,
        apiKey: g.key,
        maxRetries: 0,
        timeout: SDK_TIMEOUT_MS,
        logLevel: 'off',
      }),
    anthropic: () =>
      new Anthropic({ baseURL: gatewayUrl(), apiKey: g.key, maxRetries: 0, timeout: SDK_TIMEOUT_MS }),
    gemini: () =>
      new GoogleGenAI({ apiKey: g.key, httpOptions: { baseUrl: gatewayUrl(), timeout: SDK_TIMEOUT_MS } }),
    received,
    async last() {
      const all = await received();
      const last = all.at(-1);
      if (!last) throw new Error(`the mock received nothing for provider ${name}`);
      return last;
    },
  };
}

/** The multipart form of a received request, parsed from its exact bytes. */
export function receivedForm(received: Received): Promise<FormData> {
  const type = received.headers['content-type'];
  return new Response(Buffer.from(received.bodyBase64, 'base64'), {
    headers: { 'content-type': typeof type === 'string' ? type : '' },
  }).formData();
}

/** Request options that make the mock upstream inject a fault (the gateway forwards the header). */
export function fault(spec: string): { headers: Record<string, string> } {
  return { headers: { 'x-mock-fault': spec } };
}
