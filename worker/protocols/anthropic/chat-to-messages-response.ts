// Owns OpenAI Chat completion → Anthropic Messages response (non-stream).
import { anthropicStopReason } from '../shared/finish-reasons';
import { isObject, parseToolArguments, requireArray, requireObject, str } from '../shared/json';
import { chatReasoningText, toAnthropicThinkingBlock } from '../shared/thinking-blocks';
import { chatUsageToAnthropic } from '../shared/usage';
import { ConversionError, type JsonObject } from '../types';

/**
 * Only the first choice is converted (Anthropic has one message per response). Reasoning becomes
 * thinking blocks: `thinking_blocks` when present (signatures kept), else one unsigned block from
 * `reasoning_content`. A refusal becomes text with stop_reason `refusal`.
 */
export function chatResponseToMessages(body: JsonObject): JsonObject {
  const choice = requireObject(requireArray(body.choices, 'choices')[0], 'choices[0]');
  const message = requireObject(choice.message, 'choices[0].message');
  const content: JsonObject[] = [...thinkingBlocksOf(message), ...textBlocksOf(message.content)];
  const refusal = str(message.refusal);
  if (refusal) content.push({ type: 'text', text: refusal });
  const calls = Array.isArray(message.tool_calls) ? message.tool_calls : [];
  calls.forEach((raw, i) => {
    const call = requireObject(raw, `choices[0].message.tool_calls[${i}]`);
    const fn = requireObject(call.function, `choices[0].message.tool_calls[${i}].function`);
    content.push({
      type: 'tool_use',
      id: str(call.id) ?? '',
      name: str(fn.name) ?? '',
      input: parseToolArguments(fn.arguments),
    });
  });
  return {
    id: body.id,
    type: 'message',
    role: 'assistant',
    model: body.model,
    content,
    stop_reason: stopReason(choice.finish_reason, calls.length > 0, refusal !== undefined),
    stop_sequence: null,
    usage: chatUsageToAnthropic(body.usage),
  };
}

/** Some vendors say `stop` after tool calls; Anthropic clients look for `tool_use` to run them. */
export function stopReason(finishReason: unknown, hasToolCalls: boolean, refused: boolean): string {
  if (refused) return 'refusal';
  if (hasToolCalls && (finishReason === 'stop' || finishReason === null || finishReason === undefined)) {
    return 'tool_use';
  }
  return anthropicStopReason(finishReason);
}

function thinkingBlocksOf(message: JsonObject): JsonObject[] {
  if (Array.isArray(message.thinking_blocks) && message.thinking_blocks.length > 0) {
    return message.thinking_blocks.flatMap((entry): JsonObject[] => {
      const block = toAnthropicThinkingBlock(entry, false);
      return block ? [block] : [];
    });
  }
  const reasoning = chatReasoningText(message);
  return reasoning ? [{ type: 'thinking', thinking: reasoning, signature: '' }] : [];
}

function textBlocksOf(content: unknown): JsonObject[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content))
    throw new ConversionError('choices[0].message.content must be a string or an array');
  const text = content.map((p) => (isObject(p) ? (str(p.text) ?? '') : '')).join('');
  return text === '' ? [] : [{ type: 'text', text }];
}
