// Owns the /v1beta sub-app: the inbound Gemini API (generate, stream, embed, count tokens, model list).
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { gatewayAuth } from '../middleware/gateway-auth';
import { type EndpointId, type EndpointSpec, GEMINI_ENDPOINTS } from '../protocols/endpoints';
import { bareModelName } from '../protocols/gemini/upstream';
import type { ModelConfig, RoutingConfig } from '../routing/types';
import { collectInputText } from '../usage/estimate';
import { countTokens } from '../usage/tokenize';
import { readJsonBody } from './body';
import { handleProxy } from './handler';

export const geminiApp = new Hono<AppEnv>();

// Google's SDKs send the key as `x-goog-api-key`; REST examples put it in `?key=`.
const auth = gatewayAuth({ queryKey: true });

const SPEC = new Map<EndpointId, EndpointSpec>(GEMINI_ENDPOINTS.map((s) => [s.id, s]));
const spec = (id: EndpointId) => SPEC.get(id) as EndpointSpec;

const METHODS: Readonly<Record<string, { id: EndpointId; stream: boolean }>> = {
  generateContent: { id: 'gemini_generate', stream: false },
  // Served as SSE whatever `alt` says: the SDKs always ask for `alt=sse`.
  streamGenerateContent: { id: 'gemini_generate', stream: true },
  embedContent: { id: 'gemini_embed', stream: false },
  batchEmbedContents: { id: 'gemini_batch_embed', stream: false },
  countTokens: { id: 'gemini_count_tokens', stream: false },
};

/** `my-model:generateContent` → the model (without `models/`) and the method. */
function splitCall(call: string): { model: string; method: string } {
  const at = call.lastIndexOf(':');
  if (at <= 0)
    throw new GatewayError('not_found', `No method in "models/${call}" (expected models/{model}:{method})`);
  return { model: bareModelName(call.slice(0, at)), method: call.slice(at + 1) };
}

/** A Gemini provider can count exactly; any other model is counted by the gateway's tokenizer. */
function countsRemotely(routing: RoutingConfig, model: string): boolean {
  const config = routing.models.get(model);
  if (!config?.isActive) return false;
  return config.links.some((l) => {
    const provider = routing.providers.get(l.providerId);
    return l.isActive && provider?.isActive === true && provider.implementation === 'gemini';
  });
}

async function countLocally(c: Context<AppEnv>): Promise<Response> {
  const { json } = await readJsonBody(c.req.raw, c.get('settings').MAX_JSON_BODY_BYTES);
  const request = json.generateContentRequest ?? json;
  const { text, fixedTokens } = collectInputText('gemini', request);
  return c.json({ totalTokens: (await countTokens(text)) + fixedTokens });
}

geminiApp.post('/models/:call{.+}', auth, (c) => {
  const { model, method } = splitCall(c.req.param('call'));
  const known = METHODS[method];
  if (!known) throw new GatewayError('not_found', `Method "${method}" is not served by this gateway`);
  if (known.id === 'gemini_count_tokens' && !countsRemotely(c.get('routing'), model)) return countLocally(c);
  return handleProxy(c, spec(known.id), { model, stream: known.stream });
});

function modelEntry(m: ModelConfig) {
  const methods =
    m.modelType === 'embedding'
      ? ['embedContent', 'batchEmbedContents']
      : ['generateContent', 'streamGenerateContent', 'countTokens'];
  return {
    name: `models/${m.requestedModel}`,
    baseModelId: m.requestedModel,
    version: '001',
    displayName: m.requestedModel,
    description: `${m.requestedModel} through the gateway`,
    supportedGenerationMethods: methods,
  };
}

geminiApp.get('/models', auth, (c) => {
  const models = [...c.get('routing').models.values()]
    .filter((m) => m.isActive)
    .sort((a, b) => a.requestedModel.localeCompare(b.requestedModel))
    .map(modelEntry);
  return c.json({ models });
});

geminiApp.get('/models/:id{.+}', auth, async (c) => {
  const id = bareModelName(c.req.param('id'));
  let model = c.get('routing').models.get(id);
  if (!model) model = (await c.get('config').routing({ fresh: true })).models.get(id);
  if (!model?.isActive) throw new GatewayError('model_not_found', `models/${id} is not found`);
  return c.json(modelEntry(model));
});
