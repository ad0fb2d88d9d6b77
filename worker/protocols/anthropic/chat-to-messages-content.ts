// Owns OpenAI Chat content parts → Anthropic content blocks (text, images, documents) and their cache markers.
import { isObject, str } from '../shared/json';
import { decodeBase64Text, parseDataUrl } from '../shared/media';
import { ConversionError, type JsonObject } from '../types';

const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * The Anthropic `cache_control` a Chat part asks for: Anthropic-style `cache_control` (sent by
 * LiteLLM/OpenRouter-style clients) wins; OpenAI's own `prompt_cache_breakpoint` becomes an
 * ephemeral marker, with its long TTLs (30m/12h) rounded to Anthropic's longest, 1h.
 */
export function cacheControlOf(part: JsonObject): JsonObject | undefined {
  if (isObject(part.cache_control)) return part.cache_control;
  const breakpoint = part.prompt_cache_breakpoint;
  if (!isObject(breakpoint)) return undefined;
  return breakpoint.ttl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: '1h' };
}

/** Puts a message-level cache marker on the message's last block, where Anthropic wants it. */
export function markLastBlock(blocks: JsonObject[], cacheControl: unknown): void {
  const last = blocks.at(-1);
  if (last && isObject(cacheControl)) last.cache_control = cacheControl;
}

/** Chat `content` (string, parts, or null) → Anthropic blocks. Empty text is dropped: Anthropic rejects it. */
export function chatContentToBlocks(content: unknown, path: string): JsonObject[] {
  if (content === undefined || content === null) return [];
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) throw new ConversionError(`${path} must be a string or an array of parts`);
  const blocks: JsonObject[] = [];
  content.forEach((part, i) => {
    const block = partToBlock(part, `${path}[${i}]`);
    if (!block) return;
    const cache = isObject(part) ? cacheControlOf(part) : undefined;
    if (cache) block.cache_control = cache;
    blocks.push(block);
  });
  return blocks;
}

function partToBlock(part: unknown, path: string): JsonObject | undefined {
  if (!isObject(part)) throw new ConversionError(`${path} must be an object`);
  switch (part.type) {
    case 'text':
    case 'refusal': {
      const text = str(part.text) ?? str(part.refusal) ?? '';
      return text === '' ? undefined : { type: 'text', text };
    }
    case 'image_url':
      return imageBlock(part.image_url, path);
    case 'file':
      return fileBlock(part.file, path);
    case 'input_audio':
      throw new ConversionError(`${path}: Anthropic Messages cannot take audio input`);
    default:
      throw new ConversionError(`${path}: unsupported content part type ${JSON.stringify(part.type)}`);
  }
}

function imageBlock(imageUrl: unknown, path: string): JsonObject {
  // `detail` has no Anthropic counterpart and is dropped.
  const url = isObject(imageUrl) ? str(imageUrl.url) : str(imageUrl);
  if (!url) throw new ConversionError(`${path}.image_url.url is required`);
  const inline = parseDataUrl(url);
  if (inline) {
    return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  }
  if (!/^https?:\/\//i.test(url)) throw new ConversionError(`${path}: image URL must be http(s) or data:`);
  return { type: 'image', source: { type: 'url', url } };
}

function fileBlock(file: unknown, path: string): JsonObject {
  if (!isObject(file)) throw new ConversionError(`${path}.file must be an object`);
  const data = str(file.file_data);
  if (!data) {
    // OpenAI file ids name OpenAI's storage; Anthropic cannot read them.
    throw new ConversionError(`${path}: only inline file_data can be sent to Anthropic, not file_id`);
  }
  // OpenAI documents file_data as a data URL; bare base64 from older clients is taken as PDF.
  const inline = parseDataUrl(data) ?? { mediaType: 'application/pdf', data };
  const title = str(file.filename);
  let block: JsonObject;
  if (inline.mediaType === 'application/pdf') {
    block = {
      type: 'document',
      source: { type: 'base64', media_type: 'application/pdf', data: inline.data },
    };
  } else if (inline.mediaType.startsWith('text/')) {
    const text = decodeBase64Text(inline.data);
    block = { type: 'document', source: { type: 'text', media_type: 'text/plain', data: text } };
  } else if (IMAGE_TYPES.has(inline.mediaType)) {
    return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  } else {
    throw new ConversionError(`${path}: Anthropic documents must be PDF or text, not ${inline.mediaType}`);
  }
  if (title) block.title = title;
  return block;
}
