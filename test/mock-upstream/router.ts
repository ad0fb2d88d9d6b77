// Maps a request path to a provider name and a route: `/p/<provider>[/v1]/<endpoint>`.
import type { IncomingHttpHeaders } from 'node:http';
import { anthropicModelsRoute, countTokensRoute, messagesRoute } from './anthropic-messages.ts';
import { speechRoute, transcriptionsRoute, translationsRoute } from './audio.ts';
import { BEDROCK_ROUTES, bedrockCall } from './bedrock.ts';
import { GEMINI_ROUTES, geminiCall, geminiModelsRoute } from './gemini.ts';
import { embeddingsRoute, imageRoutes } from './media.ts';
import { chatCompletionsRoute } from './openai-chat.ts';
import { completionsRoute, openaiModelsRoute } from './openai-completions.ts';
import { responsesRoute } from './responses.ts';
import type { Route } from './types.ts';
import { tokenRoute, VERTEX_ANTHROPIC_ROUTES, vertexAnthropicCall } from './vertex.ts';
import { workersAiCall, workersAiRoute } from './workers-ai.ts';

// Order matters only between routes sharing a path: the first whose `accepts` passes wins.
const ROUTES: Route[] = [
  chatCompletionsRoute,
  completionsRoute,
  responsesRoute,
  embeddingsRoute,
  ...imageRoutes,
  speechRoute,
  transcriptionsRoute,
  translationsRoute,
  messagesRoute,
  countTokensRoute,
  anthropicModelsRoute,
  geminiModelsRoute,
  openaiModelsRoute,
  tokenRoute,
];

const byPath = new Map<string, Route[]>();
for (const route of ROUTES) byPath.set(route.path, [...(byPath.get(route.path) ?? []), route]);
// Longest endpoint first, so `chat/completions` wins over `completions`.
const endpoints = [...byPath.keys()]
  .map((path) => ({ path, segments: path.split('/') }))
  .sort((a, b) => b.segments.length - a.segments.length);

export interface Resolution {
  provider: string;
  route: Route | undefined;
  /** 404 when no endpoint matches, 405 when it matches under another method. */
  miss: 404 | 405 | undefined;
}

/** `p/alpha[/…]` → `alpha` (cloud base URLs go on past the name); any other prefix names itself; none is `default`. */
function providerName(prefix: string[]): string {
  const parts = prefix[0] === 'p' && prefix.length > 1 ? prefix.slice(1, 2) : prefix;
  return parts.length === 0 ? 'default' : parts.map(decodeSegment).join('/');
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function endsWith(segments: string[], tail: string[]): boolean {
  if (tail.length > segments.length) return false;
  const offset = segments.length - tail.length;
  return tail.every((segment, i) => segments[offset + i] === segment);
}

/** Gemini puts the model and the method in the last segment: `[/p/<name>]/v1beta/models/<model>:<method>`. */
function resolveGemini(method: string, segments: string[]): Resolution | undefined {
  const call = geminiCall(segments);
  if (!call) return undefined;
  const prefix = segments.slice(0, call.at);
  while (prefix.at(-1) === 'v1beta' || prefix.at(-1) === 'v1') prefix.pop();
  const route = GEMINI_ROUTES[call.method];
  return {
    provider: providerName(prefix),
    route: method === 'POST' ? route : undefined,
    miss: method === 'POST' ? undefined : 405,
  };
}

/** Cloud providers put the model in the path: Bedrock `…/model/<id>/<op>`, Vertex Claude `…/models/<id>:rawPredict`. */
function resolveCloud(method: string, segments: string[]): Resolution | undefined {
  const bedrock = bedrockCall(segments);
  const vertex = vertexAnthropicCall(segments);
  const workersAi = workersAiCall(segments);
  const route = bedrock
    ? BEDROCK_ROUTES[bedrock.operation]
    : vertex
      ? VERTEX_ANTHROPIC_ROUTES[vertex.stream ? 'streamRawPredict' : 'rawPredict']
      : workersAi
        ? workersAiRoute
        : undefined;
  if (!route) return undefined;
  const prefix = segments.slice(0, (bedrock ?? vertex ?? workersAi)?.at);
  return {
    provider: providerName(prefix),
    route: method === 'POST' ? route : undefined,
    miss: method === 'POST' ? undefined : 405,
  };
}

export function resolveRoute(method: string, path: string, headers: IncomingHttpHeaders): Resolution {
  const segments = path.split('/').filter((s) => s.length > 0);
  const cloud = resolveCloud(method, segments);
  if (cloud) return cloud;
  const gemini = resolveGemini(method, segments);
  if (gemini) return gemini;
  for (const endpoint of endpoints) {
    if (!endsWith(segments, endpoint.segments)) continue;
    const prefix = segments.slice(0, segments.length - endpoint.segments.length);
    // Base URLs with and without `/v1` (and SDKs that add their own) all reach the same endpoint.
    while (prefix.at(-1) === 'v1' || prefix.at(-1) === 'v1beta') prefix.pop();
    const provider = providerName(prefix);
    const candidates = byPath.get(endpoint.path)!.filter((r) => r.accepts?.(headers) ?? true);
    const route = candidates.find((r) => r.method === method);
    return { provider, route, miss: route ? undefined : 405 };
  }
  const v1 = segments.indexOf('v1');
  const prefix = v1 >= 0 ? segments.slice(0, v1) : segments[0] === 'p' ? segments.slice(0, 2) : [];
  return { provider: providerName(prefix), route: undefined, miss: 404 };
}
