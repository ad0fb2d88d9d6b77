// Owns one Chat completion → Chat chunk SSE: how a whole answer streams to a client that asked for a stream.
import type { JsonObject, SseEvent } from '../types';
import { isObject, str } from './json';

/**
 * The chunks a provider would have streamed for this completion, in the shape the gateway's own
 * converters stream (see messages-to-chat-stream): a role chunk, reasoning then each thinking block
 * whole, the text, each tool call announced once (id, name, `arguments: ""`) then its arguments, the
 * finish reason, a usage chunk (`choices: []`) when the completion has usage, and `[DONE]`.
 */
export function chatResponseToChatStream(body: JsonObject): SseEvent[] {
  const envelope: JsonObject = {
    id: body.id ?? '',
    object: 'chat.completion.chunk',
    created: body.created ?? 0,
    model: body.model ?? '',
  };
  if (body.system_fingerprint !== undefined) envelope.system_fingerprint = body.system_fingerprint;
  const out: SseEvent[] = [];
  const push = (choices: JsonObject[], extra: JsonObject = {}) =>
    out.push({ data: JSON.stringify({ ...envelope, choices, ...extra }) });
  for (const raw of Array.isArray(body.choices) ? body.choices : []) {
    if (!isObject(raw)) continue;
    const index = typeof raw.index === 'number' ? raw.index : 0;
    const message = isObject(raw.message) ? raw.message : {};
    const chunk = (delta: JsonObject, finish: unknown = null, logprobs: unknown = null) =>
      push([{ index, delta, logprobs, finish_reason: finish }]);
    for (const delta of choiceDeltas(message))
      chunk(delta.delta, null, delta.withLogprobs ? raw.logprobs : null);
    chunk({}, raw.finish_reason ?? 'stop');
  }
  if (isObject(body.usage)) push([], { usage: body.usage });
  out.push({ data: '[DONE]' });
  return out;
}

interface Delta {
  delta: JsonObject;
  /** The choice's logprobs travel on the text chunk. */
  withLogprobs?: boolean;
}

function choiceDeltas(message: JsonObject): Delta[] {
  const content = str(message.content);
  const out: Delta[] = [{ delta: { role: 'assistant', content: content === undefined ? null : '' } }];
  out.push(...reasoningDeltas(message));
  if (content) out.push({ delta: { content }, withLogprobs: true });
  if (Array.isArray(message.annotations)) out.push({ delta: { annotations: message.annotations } });
  const refusal = str(message.refusal);
  if (refusal) out.push({ delta: { refusal } });
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  calls.forEach((raw, index) => {
    if (!isObject(raw)) return;
    const fn = isObject(raw.function) ? raw.function : {};
    const head = {
      index,
      id: str(raw.id) ?? '',
      type: str(raw.type) ?? 'function',
      function: { name: str(fn.name) ?? '', arguments: '' },
    };
    out.push({ delta: { tool_calls: [head] } });
    const args = str(fn.arguments) ?? '';
    if (args) out.push({ delta: { tool_calls: [{ index, function: { arguments: args } }] } });
  });
  return out;
}

/** Each thinking block's text then the block itself (signature kept); plain reasoning text otherwise. */
function reasoningDeltas(message: JsonObject): Delta[] {
  const blocks = Array.isArray(message.thinking_blocks) ? message.thinking_blocks.filter(isObject) : [];
  if (blocks.length > 0) {
    return blocks.flatMap((block): Delta[] => {
      const text = block.type === 'thinking' ? str(block.thinking) : undefined;
      const whole = { delta: { thinking_blocks: [block] } };
      return text ? [{ delta: { reasoning_content: text } }, whole] : [whole];
    });
  }
  const reasoning = str(message.reasoning_content);
  if (reasoning) return [{ delta: { reasoning_content: reasoning } }];
  const alt = str(message.reasoning);
  return alt ? [{ delta: { reasoning: alt } }] : [];
}
