// Owns Converse content blocks ⇄ Anthropic Messages content blocks: Converse reaches Chat through the Anthropic converters.
import { isObject, str } from '../shared/json';
import { ConversionError, type JsonObject } from '../types';

const IMAGE_FORMATS: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpeg',
  'image/gif': 'gif',
  'image/webp': 'webp',
};

/** One Anthropic block → a Converse block (cache_control becomes a following cachePoint). */
export function anthropicToConverseBlocks(block: JsonObject, path: string): JsonObject[] {
  const out = [converseBlock(block, path)];
  if (isObject(block.cache_control)) out.push({ cachePoint: { type: 'default' } });
  return out;
}

function converseBlock(block: JsonObject, path: string): JsonObject {
  switch (block.type) {
    case 'text':
      return { text: str(block.text) ?? '' };
    case 'image': {
      const source = isObject(block.source) ? block.source : {};
      const format = IMAGE_FORMATS[str(source.media_type) ?? ''];
      if (source.type !== 'base64' || !format) {
        throw new ConversionError(`${path}: Converse takes inline png, jpeg, gif or webp images only`);
      }
      return { image: { format, source: { bytes: str(source.data) ?? '' } } };
    }
    case 'document': {
      const source = isObject(block.source) ? block.source : {};
      if (source.type !== 'base64')
        throw new ConversionError(`${path}: Converse takes inline documents only`);
      return {
        document: {
          format: 'pdf',
          name: str(block.title) ?? 'document',
          source: { bytes: str(source.data) ?? '' },
        },
      };
    }
    case 'tool_use':
      return {
        toolUse: { toolUseId: block.id, name: block.name, input: isObject(block.input) ? block.input : {} },
      };
    case 'tool_result':
      return { toolResult: toolResult(block, path) };
    case 'thinking':
      return {
        reasoningContent: {
          reasoningText: { text: str(block.thinking) ?? '', signature: str(block.signature) ?? '' },
        },
      };
    case 'redacted_thinking':
      return { reasoningContent: { redactedContent: str(block.data) ?? '' } };
    default:
      throw new ConversionError(
        `${path}: ${JSON.stringify(block.type)} blocks cannot be sent to Bedrock Converse`,
      );
  }
}

function toolResult(block: JsonObject, path: string): JsonObject {
  const content = block.content;
  const parts =
    typeof content === 'string'
      ? [{ text: content }]
      : Array.isArray(content)
        ? content.filter(isObject).map((b, i) => converseBlock(b, `${path}.content[${i}]`))
        : [{ text: '' }];
  const out: JsonObject = {
    toolUseId: block.tool_use_id,
    content: parts.length > 0 ? parts : [{ text: '' }],
  };
  if (block.is_error === true) out.status = 'error';
  return out;
}

/** A Converse output block → an Anthropic content block (unknown blocks are dropped). */
export function converseToAnthropicBlock(block: unknown): JsonObject | undefined {
  if (!isObject(block)) return undefined;
  if (typeof block.text === 'string') return { type: 'text', text: block.text };
  if (isObject(block.toolUse)) {
    const use = block.toolUse;
    return {
      type: 'tool_use',
      id: str(use.toolUseId) ?? '',
      name: str(use.name) ?? '',
      input: isObject(use.input) ? use.input : {},
    };
  }
  if (isObject(block.reasoningContent)) {
    const reasoning = block.reasoningContent;
    if (typeof reasoning.redactedContent === 'string')
      return { type: 'redacted_thinking', data: reasoning.redactedContent };
    const text = isObject(reasoning.reasoningText) ? reasoning.reasoningText : {};
    return { type: 'thinking', thinking: str(text.text) ?? '', signature: str(text.signature) ?? '' };
  }
  return undefined;
}

const STOP_REASONS: Readonly<Record<string, string>> = {
  end_turn: 'end_turn',
  tool_use: 'tool_use',
  max_tokens: 'max_tokens',
  stop_sequence: 'stop_sequence',
  guardrail_intervened: 'refusal',
  content_filtered: 'refusal',
  model_context_window_exceeded: 'model_context_window_exceeded',
};

/** Converse `stopReason` → Anthropic `stop_reason`. */
export function anthropicStopReason(reason: unknown): string {
  return (typeof reason === 'string' && STOP_REASONS[reason]) || 'end_turn';
}

/** Converse usage → Anthropic usage (Converse's inputTokens exclude cache reads and writes, as Anthropic's do). */
export function anthropicUsage(usage: unknown): JsonObject {
  const u = isObject(usage) ? usage : {};
  return {
    input_tokens: typeof u.inputTokens === 'number' ? u.inputTokens : 0,
    output_tokens: typeof u.outputTokens === 'number' ? u.outputTokens : 0,
    cache_read_input_tokens: typeof u.cacheReadInputTokens === 'number' ? u.cacheReadInputTokens : 0,
    cache_creation_input_tokens: typeof u.cacheWriteInputTokens === 'number' ? u.cacheWriteInputTokens : 0,
  };
}
