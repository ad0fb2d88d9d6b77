// Owns Anthropic Messages response → OpenAI Chat completion (non-stream).
import { chatFinishReason } from '../shared/finish-reasons';
import { nowSeconds, requireArray, requireObject, str, stringifyToolInput } from '../shared/json';
import { toChatThinkingBlock } from '../shared/thinking-blocks';
import { anthropicUsageToChat } from '../shared/usage';
import type { JsonObject } from '../types';

/**
 * Text blocks are concatenated as they are (citations split one answer into several blocks);
 * citations, server-tool blocks and `stop_details` have no Chat form and are dropped. Thinking
 * becomes `reasoning_content` + `thinking_blocks` (see shared/thinking-blocks.ts).
 */
export function messagesResponseToChat(body: JsonObject): JsonObject {
  const content = requireArray(body.content, 'content');
  let text = '';
  let reasoning = '';
  const toolCalls: JsonObject[] = [];
  const thinkingBlocks: JsonObject[] = [];
  content.forEach((raw, i) => {
    const block = requireObject(raw, `content[${i}]`);
    if (block.type === 'text') text += str(block.text) ?? '';
    else if (block.type === 'tool_use') {
      const fn = { name: str(block.name) ?? '', arguments: stringifyToolInput(block.input) };
      toolCalls.push({ id: str(block.id) ?? '', type: 'function', function: fn });
    } else {
      const thinking = toChatThinkingBlock(block);
      if (!thinking) return;
      thinkingBlocks.push(thinking);
      if (thinking.type === 'thinking') reasoning += str(thinking.thinking) ?? '';
    }
  });
  const message: JsonObject = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (reasoning !== '') message.reasoning_content = reasoning;
  if (thinkingBlocks.length > 0) message.thinking_blocks = thinkingBlocks;
  return {
    id: body.id,
    object: 'chat.completion',
    created: nowSeconds(),
    model: body.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: chatFinishReason(body.stop_reason) }],
    usage: anthropicUsageToChat(body.usage),
  };
}
