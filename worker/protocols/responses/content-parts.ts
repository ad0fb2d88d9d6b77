// Owns input content parts both ways: Responses `input_text`/`input_image`/`input_file` ⇄ Chat `text`/`image_url`/`file`.
import { ConversionError, type JsonObject } from '../types';
import { asArray, asObject, asString, copyPresent, optObject, optString } from './json-fields';

/** One Responses input part → one Chat content part. */
export function inputPartToChat(raw: unknown): JsonObject {
  const part = asObject(raw, 'content part');
  const carry = (out: JsonObject): JsonObject => {
    copyPresent(part, out, ['prompt_cache_breakpoint']);
    return out;
  };
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return carry({ type: 'text', text: asString(part.text, 'input_text.text') });
    case 'input_image': {
      const url = optString(part.image_url, 'input_image.image_url');
      if (url === undefined) {
        throw new ConversionError('input_image by file_id cannot be sent to a Chat Completions provider');
      }
      const image: JsonObject = { url };
      copyPresent(part, image, ['detail']);
      return carry({ type: 'image_url', image_url: image });
    }
    case 'input_file': {
      if (part.file_url !== undefined) {
        throw new ConversionError('input_file by file_url cannot be sent to a Chat Completions provider');
      }
      const file: JsonObject = {};
      copyPresent(part, file, ['file_data', 'file_id', 'filename']);
      return carry({ type: 'file', file });
    }
    default:
      throw new ConversionError(`Responses content part '${String(part.type)}' has no Chat equivalent`);
  }
}

/** One Chat user/system part → one Responses input part. */
export function chatPartToInput(raw: unknown): JsonObject {
  const part = asObject(raw, 'content part');
  const carry = (out: JsonObject): JsonObject => {
    copyPresent(part, out, ['prompt_cache_breakpoint']);
    return out;
  };
  switch (part.type) {
    case 'text':
      return carry({ type: 'input_text', text: asString(part.text, 'text part') });
    case 'image_url': {
      const image = asObject(part.image_url, 'image_url');
      return carry({
        type: 'input_image',
        image_url: asString(image.url, 'image_url.url'),
        detail: image.detail ?? 'auto',
      });
    }
    case 'file': {
      const file = asObject(part.file, 'file part');
      const out: JsonObject = { type: 'input_file' };
      copyPresent(file, out, ['file_data', 'file_id', 'filename']);
      return carry(out);
    }
    default:
      throw new ConversionError(
        `Chat content part '${String(part.type)}' cannot be sent to a Responses provider`,
      );
  }
}

/** The plain text of Chat or Responses content: a string, or the text of its text-like parts. */
export function contentText(content: unknown): string {
  if (content === undefined || content === null) return '';
  if (typeof content === 'string') return content;
  return asArray(content, 'content')
    .map((p) => optObject(p, 'content part'))
    .filter((p): p is JsonObject => p !== undefined && typeof p.text === 'string')
    .map((p) => p.text as string)
    .join('');
}
