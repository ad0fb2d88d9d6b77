// Reads Anthropic Messages requests: required headers, the conversation, and the prompt-cache prefix.
import type { IncomingHttpHeaders } from 'node:http';
import { tokens } from './content.ts';
import { UpstreamError } from './errors.ts';
import type { Conversation, ToolChoice, ToolDef } from './plan.ts';
import type { MockRequest } from './types.ts';
import { asArray, asObject, asString, contentText, type JsonObject } from './values.ts';

/** The real API rejects requests without a key or a version; so does the mock. */
export function requireAnthropicHeaders(headers: IncomingHttpHeaders): void {
  const bearer = headers.authorization;
  const hasBearer = typeof bearer === 'string' && /^bearer\s+\S/i.test(bearer);
  if (!headers['x-api-key'] && !hasBearer) {
    throw new UpstreamError(401, 'x-api-key header is required', 'authentication_error');
  }
  if (!headers['anthropic-version']) {
    throw new UpstreamError(400, 'anthropic-version: header is required', 'invalid_request_error');
  }
}

/** Whether a request speaks Anthropic, for endpoints both protocols share (`/v1/models`). */
export function looksAnthropic(headers: IncomingHttpHeaders): boolean {
  return headers['anthropic-version'] !== undefined || headers['x-api-key'] !== undefined;
}

function readTools(body: JsonObject): ToolDef[] {
  const tools: ToolDef[] = [];
  for (const item of asArray(body.tools)) {
    const tool = asObject(item);
    const name = asString(tool?.name);
    // Server tools (web search, code execution...) carry a versioned type; only custom tools get called.
    const type = asString(tool?.type);
    if (name && (type === undefined || type === 'custom'))
      tools.push({ name, schema: asObject(tool?.input_schema) });
  }
  return tools;
}

function readToolChoice(value: unknown): { choice: ToolChoice; parallel: boolean } {
  const choice = asObject(value);
  const parallel = choice?.disable_parallel_tool_use !== true;
  switch (choice?.type) {
    case 'none':
      return { choice: 'none', parallel };
    case 'any':
      return { choice: 'required', parallel };
    case 'tool':
      return { choice: { name: asString(choice.name) ?? '' }, parallel };
    default:
      return { choice: 'auto', parallel };
  }
}

function toolResultText(content: unknown): string | undefined {
  let found = false;
  let text = '';
  for (const block of asArray(content)) {
    const b = asObject(block);
    if (b?.type !== 'tool_result') continue;
    found = true;
    text += contentText(b.content);
  }
  return found ? text : undefined;
}

/** Reads the conversation; throws the real API's 400s for a missing model or messages. */
export function readConversation(req: MockRequest): Conversation {
  const body = req.json ?? {};
  const model = asString(body.model);
  if (!model) throw new UpstreamError(400, 'model: Field required', 'invalid_request_error');
  const messages = asArray(body.messages);
  if (messages.length === 0)
    throw new UpstreamError(400, 'messages: Field required', 'invalid_request_error');
  let prompt = '';
  let inputChars = contentText(body.system).length;
  for (const item of messages) {
    const message = asObject(item);
    const text = contentText(message?.content);
    inputChars += text.length;
    if (message?.role === 'user' && text) prompt = text;
  }
  const last = asObject(messages.at(-1));
  const tools = readTools(body);
  if (tools.length > 0) inputChars += JSON.stringify(body.tools).length;
  const { choice, parallel } = readToolChoice(body.tool_choice);
  const thinking = asString(asObject(body.thinking)?.type);
  return {
    model,
    prompt,
    toolResult: last?.role === 'user' ? toolResultText(last.content) : undefined,
    inputChars,
    tools,
    toolChoice: choice,
    parallelTools: parallel,
    reasoning: thinking === 'enabled' || thinking === 'adaptive',
  };
}

/**
 * The cacheable prefix: everything up to the last block marked `cache_control`, in the API's cache
 * order (tools, system, messages). A top-level `cache_control` caches all but the last message.
 */
function cachePrefix(body: JsonObject): string | undefined {
  const parts: string[] = [];
  let last = -1;
  const visit = (block: unknown) => {
    parts.push(typeof block === 'string' ? block : JSON.stringify(block));
    if (asObject(block)?.cache_control !== undefined) last = parts.length - 1;
  };
  asArray(body.tools).forEach(visit);
  if (typeof body.system === 'string') visit(body.system);
  else asArray(body.system).forEach(visit);
  let beforeLastMessage = parts.length;
  for (const item of asArray(body.messages)) {
    beforeLastMessage = parts.length;
    const content = asObject(item)?.content;
    if (Array.isArray(content)) content.forEach(visit);
    else visit(content);
  }
  if (last < 0 && body.cache_control !== undefined) last = beforeLastMessage - 1;
  return last < 0 ? undefined : `${asString(body.model)}\n${parts.slice(0, last + 1).join('\n')}`;
}

export interface CacheUsage {
  creation: number;
  read: number;
}

/** Cache tokens for this request: written the first time a prefix is seen, read afterwards. */
export function cacheUsage(req: MockRequest, hit: (key: string) => boolean): CacheUsage {
  // Most requests carry no marker; skip the walk for them.
  if (!req.raw.includes('cache_control') || !req.json) return { creation: 0, read: 0 };
  const prefix = cachePrefix(req.json);
  if (prefix === undefined) return { creation: 0, read: 0 };
  const cached = tokens(prefix.length);
  return hit(`anthropic:${prefix}`) ? { creation: 0, read: cached } : { creation: cached, read: 0 };
}
