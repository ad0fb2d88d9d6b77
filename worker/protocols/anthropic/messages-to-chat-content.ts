// Owns Anthropic user content blocks → OpenAI Chat content parts (text, images, documents).
import { isObject, requireObject, str } from '../shared/json';
import { toDataUrl } from '../shared/media';
import { ConversionError, type JsonObject } from '../types';

/**
 * One Anthropic block → Chat parts. `cache_control` becomes `prompt_cache_breakpoint` (vendors
 * without it get it stripped by the proxy); citations are dropped. Sources Chat cannot carry
 * (Anthropic file ids, PDF URLs) throw.
 */
export function blockToChatParts(raw: unknown, path: string): JsonObject[] {
  const block = requireObject(raw, path);
  const parts = blockParts(block, path);
  // Anthropic's cache marker becomes OpenAI's explicit breakpoint on the block's last part.
  const last = parts.at(-1);
  if (last && isObject(block.cache_control)) last.prompt_cache_breakpoint = { mode: 'explicit' };
  return parts;
}

function blockParts(block: JsonObject, path: string): JsonObject[] {
  switch (block.type) {
    case 'text': {
      const text = str(block.text) ?? '';
      return text === '' ? [] : [{ type: 'text', text }];
    }
    case 'image':
      return [imagePart(requireObject(block.source, `${path}.source`), path)];
    case 'document':
      return documentParts(block, path);
    case 'search_result':
      return searchResultParts(block, path);
    default:
      throw new ConversionError(
        `${path}: ${JSON.stringify(block.type)} blocks cannot be sent to OpenAI Chat`,
      );
  }
}

/**
 * Collapses parts to a plain string when they are all unmarked text, the shape every Chat vendor
 * accepts; parts carrying a cache breakpoint stay parts so the breakpoint survives.
 */
export function partsToContent(parts: JsonObject[]): string | JsonObject[] {
  if (parts.every((p) => p.type === 'text' && p.prompt_cache_breakpoint === undefined)) {
    return parts.map((p) => str(p.text) ?? '').join('\n');
  }
  return parts;
}

function imagePart(source: JsonObject, path: string): JsonObject {
  if (source.type === 'base64') {
    const url = toDataUrl(str(source.media_type) ?? 'image/png', str(source.data) ?? '');
    return { type: 'image_url', image_url: { url } };
  }
  if (source.type === 'url' && typeof source.url === 'string') {
    return { type: 'image_url', image_url: { url: source.url } };
  }
  throw new ConversionError(
    `${path}: image source ${JSON.stringify(source.type)} cannot be sent to OpenAI Chat`,
  );
}

function documentParts(block: JsonObject, path: string): JsonObject[] {
  const source = requireObject(block.source, `${path}.source`);
  const title = str(block.title);
  if (source.type === 'base64') {
    const mediaType = str(source.media_type) ?? 'application/pdf';
    const file: JsonObject = {
      filename: title ?? 'document.pdf',
      file_data: toDataUrl(mediaType, str(source.data) ?? ''),
    };
    return [{ type: 'file', file }];
  }
  if (source.type === 'text') {
    const text = str(source.data) ?? '';
    return [{ type: 'text', text: title ? `${title}\n\n${text}` : text }];
  }
  if (source.type === 'content') {
    if (typeof source.content === 'string') return [{ type: 'text', text: source.content }];
    if (!Array.isArray(source.content)) throw new ConversionError(`${path}.source.content must be an array`);
    return source.content.flatMap((b, i) => blockToChatParts(b, `${path}.source.content[${i}]`));
  }
  throw new ConversionError(
    `${path}: document source ${JSON.stringify(source.type)} cannot be sent to OpenAI Chat`,
  );
}

function searchResultParts(block: JsonObject, path: string): JsonObject[] {
  const texts = Array.isArray(block.content)
    ? block.content.map((b) => (isObject(b) ? (str(b.text) ?? '') : '')).filter((t) => t !== '')
    : [];
  const header = [str(block.title), str(block.source)].filter(Boolean).join(' — ');
  if (texts.length === 0 && !header) throw new ConversionError(`${path}: empty search_result`);
  return [{ type: 'text', text: [header, ...texts].filter(Boolean).join('\n') }];
}
