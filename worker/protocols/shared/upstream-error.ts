// Owns reading any upstream error body (OpenAI, Anthropic, other vendors, HTML, plain text) into one neutral shape.
import type { JsonObject } from '../types';
import { isObject, str } from './json';

/** What the two envelope builders need; types are set only when the body named them. */
export interface UpstreamError {
  message: string;
  openaiType?: string;
  anthropicType?: string;
  code?: string | null;
  param?: string | null;
}

const MAX_MESSAGE = 500;

/** Never throws: a body that says nothing useful still yields a message naming the status. */
export function readUpstreamError(status: number, bodyText: string): UpstreamError {
  const text = bodyText.trim();
  let parsed: unknown;
  try {
    parsed = text === '' ? undefined : JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (isObject(parsed)) return fromJson(status, parsed);
  return { message: fromText(status, text) };
}

function fromJson(status: number, body: JsonObject): UpstreamError {
  const error = body.error;
  if (body.type === 'error' && isObject(error)) {
    return { message: messageOf(error) ?? fallback(status), anthropicType: str(error.type) };
  }
  if (isObject(error)) {
    return {
      message: messageOf(error) ?? fallback(status),
      openaiType: str(error.type),
      // Google's envelope names its code in `status` (`INVALID_ARGUMENT`); `code` is the HTTP number.
      code: str(error.code) ?? str(error.status) ?? null,
      param: str(error.param) ?? null,
    };
  }
  return { message: str(error) ?? messageOf(body) ?? clip(JSON.stringify(body)) };
}

// Vendors name the message differently: `message` (most), `msg`, or FastAPI's `detail`.
function messageOf(obj: JsonObject): string | undefined {
  const found = str(obj.message) ?? str(obj.msg) ?? str(obj.detail) ?? str(obj.error_msg);
  if (found !== undefined && found.trim() !== '') return clip(found);
  if (obj.detail !== undefined && obj.detail !== null) return clip(JSON.stringify(obj.detail));
  return undefined;
}

function fromText(status: number, text: string): string {
  if (text === '') return `${fallback(status)} with an empty body`;
  if (/^<(!doctype|html|head|body|\?xml)/i.test(text) || /<\/html>/i.test(text)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1]?.trim();
    return title ? `${fallback(status)}: ${clip(title)}` : fallback(status);
  }
  return clip(text);
}

function fallback(status: number): string {
  return `Upstream returned HTTP ${status}`;
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
