// Owns `data:` URL parsing and building for images and files carried inline.
import { fromBase64 } from '../../lib/encoding';
import { ConversionError } from '../types';

export interface InlineData {
  mediaType: string;
  data: string;
}

/** Parses a base64 `data:` URL; undefined when `url` is not a data URL. Non-base64 data URLs throw. */
export function parseDataUrl(url: string): InlineData | undefined {
  if (!url.startsWith('data:')) return undefined;
  const comma = url.indexOf(',');
  if (comma === -1) throw new ConversionError('data URL has no comma');
  const meta = url.slice(5, comma).split(';');
  if (!meta.includes('base64')) throw new ConversionError('only base64 data URLs can be converted');
  return { mediaType: meta[0] || 'application/octet-stream', data: url.slice(comma + 1) };
}

export function toDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}

/** Decodes base64 text content (a `text/plain` file) to a string. */
export function decodeBase64Text(data: string): string {
  try {
    return new TextDecoder().decode(fromBase64(data));
  } catch (cause) {
    throw new ConversionError('file data is not valid base64', { cause });
  }
}
