// Anthropic `POST /v1/messages` (JSON and event stream), `/v1/messages/count_tokens` and `GET /v1/models`.

import {
  type CacheUsage,
  cacheUsage,
  looksAnthropic,
  readConversation,
  requireAnthropicHeaders,
} from './anthropic-request.ts';
import { splitText } from './content.ts';
import { UpstreamError } from './errors.ts';
import { type Plan, planReply } from './plan.ts';
import { eventFrame } from './sse.ts';
import type { Reply, Route, RunContext, SseFrame } from './types.ts';
import type { JsonObject } from './values.ts';

const toolUseId = (seq: number, index: number) => `toolu_mock_${seq}_${index}`;
const signature = (seq: number) => Buffer.from(`mock-thinking-signature-${seq}`).toString('base64');

function usage(plan: Plan, cache: CacheUsage): JsonObject {
  return {
    input_tokens: Math.max(1, plan.inputTokens - cache.read - cache.creation),
    cache_creation_input_tokens: cache.creation,
    cache_read_input_tokens: cache.read,
    cache_creation: { ephemeral_5m_input_tokens: cache.creation, ephemeral_1h_input_tokens: 0 },
    output_tokens: plan.outputTokens,
    service_tier: 'standard',
  };
}

function contentBlocks(plan: Plan, seq: number): JsonObject[] {
  const blocks: JsonObject[] = [];
  if (plan.reasoning) blocks.push({ type: 'thinking', thinking: plan.reasoning, signature: signature(seq) });
  if (plan.text) blocks.push({ type: 'text', text: plan.text });
  for (const call of plan.calls) {
    const input: unknown = JSON.parse(call.arguments);
    blocks.push({ type: 'tool_use', id: toolUseId(seq, call.index), name: call.name, input });
  }
  return blocks;
}

export function messageJson(model: string, plan: Plan, ctx: RunContext, cache: CacheUsage): string {
  return JSON.stringify({
    id: `msg_mock_${ctx.seq}`,
    type: 'message',
    role: 'assistant',
    model,
    content: contentBlocks(plan, ctx.seq),
    stop_reason: plan.calls.length > 0 ? 'tool_use' : 'end_turn',
    stop_sequence: null,
    usage: usage(plan, cache),
  });
}

function blockFrames(index: number, start: JsonObject, deltas: JsonObject[]): SseFrame[] {
  const frames = [
    eventFrame(
      'content_block_start',
      JSON.stringify({ type: 'content_block_start', index, content_block: start }),
    ),
  ];
  for (const delta of deltas) {
    const json = JSON.stringify({ type: 'content_block_delta', index, delta });
    frames.push(eventFrame('content_block_delta', json, delta.type !== 'signature_delta'));
  }
  frames.push(eventFrame('content_block_stop', `{"type":"content_block_stop","index":${index}}`));
  return frames;
}

export function streamFrames(model: string, plan: Plan, ctx: RunContext, cache: CacheUsage): SseFrame[] {
  const full = usage(plan, cache);
  const message = {
    id: `msg_mock_${ctx.seq}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { ...full, output_tokens: 1 },
  };
  const frames = [
    eventFrame('message_start', JSON.stringify({ type: 'message_start', message })),
    eventFrame('ping', '{"type": "ping"}'),
  ];
  let index = 0;
  if (plan.reasoning) {
    const deltas: JsonObject[] = splitText(plan.reasoning, 3).map((thinking) => ({
      type: 'thinking_delta',
      thinking,
    }));
    deltas.push({ type: 'signature_delta', signature: signature(ctx.seq) });
    frames.push(...blockFrames(index++, { type: 'thinking', thinking: '', signature: '' }, deltas));
  }
  if (plan.text) {
    const deltas = splitText(plan.text, ctx.settings.chunks).map((text) => ({ type: 'text_delta', text }));
    frames.push(...blockFrames(index++, { type: 'text', text: '' }, deltas));
  }
  for (const call of plan.calls) {
    const start = { type: 'tool_use', id: toolUseId(ctx.seq, call.index), name: call.name, input: {} };
    // The real API opens every tool input with an empty fragment.
    const pieces = ['', ...splitText(call.arguments, 3)];
    const deltas = pieces.map((partial_json) => ({ type: 'input_json_delta', partial_json }));
    frames.push(...blockFrames(index++, start, deltas));
  }
  const delta = { stop_reason: plan.calls.length > 0 ? 'tool_use' : 'end_turn', stop_sequence: null };
  const finalUsage = {
    input_tokens: full.input_tokens,
    cache_creation_input_tokens: full.cache_creation_input_tokens,
    cache_read_input_tokens: full.cache_read_input_tokens,
    output_tokens: plan.outputTokens,
  };
  frames.push(
    eventFrame('message_delta', JSON.stringify({ type: 'message_delta', delta, usage: finalUsage })),
  );
  frames.push(eventFrame('message_stop', '{"type":"message_stop"}'));
  return frames;
}

export const messagesRoute: Route = {
  path: 'messages',
  method: 'POST',
  protocol: 'anthropic',
  prepare(req) {
    requireAnthropicHeaders(req.headers);
    const conversation = readConversation(req);
    if (typeof req.json?.max_tokens !== 'number') {
      throw new UpstreamError(400, 'max_tokens: Field required', 'invalid_request_error');
    }
    const stream = req.json.stream === true;
    return {
      model: conversation.model,
      prompt: conversation.prompt,
      run(ctx): Reply {
        const plan = planReply(conversation, ctx.settings);
        const cache = cacheUsage(req, (key) => ctx.cache.hit(key));
        if (stream) return { kind: 'sse', frames: streamFrames(conversation.model, plan, ctx, cache) };
        return { kind: 'json', status: 200, body: messageJson(conversation.model, plan, ctx, cache) };
      },
    };
  },
};

export const countTokensRoute: Route = {
  path: 'messages/count_tokens',
  method: 'POST',
  protocol: 'anthropic',
  prepare(req) {
    requireAnthropicHeaders(req.headers);
    const conversation = readConversation(req);
    return {
      model: conversation.model,
      prompt: conversation.prompt,
      run(ctx): Reply {
        const plan = planReply(conversation, ctx.settings);
        return { kind: 'json', status: 200, body: `{"input_tokens":${plan.inputTokens}}` };
      },
    };
  },
};

const ANTHROPIC_MODELS = ['mock-claude', 'mock-claude-haiku'];

export const anthropicModelsRoute: Route = {
  path: 'models',
  method: 'GET',
  protocol: 'anthropic',
  accepts: looksAnthropic,
  prepare(req) {
    requireAnthropicHeaders(req.headers);
    return {
      model: '',
      prompt: '',
      run(): Reply {
        const data = ANTHROPIC_MODELS.map((id) => ({
          type: 'model',
          id,
          display_name: id,
          created_at: '2025-01-01T00:00:00Z',
        }));
        const page = { data, has_more: false, first_id: data[0]!.id, last_id: data.at(-1)!.id };
        return { kind: 'json', status: 200, body: JSON.stringify(page) };
      },
    };
  },
};
