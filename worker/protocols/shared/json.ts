// Owns the small JSON helpers every converter shares: type guards, shape checks and tool-argument parsing.
import { ConversionError, type JsonObject } from '../types';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** The object at `path`, or a ConversionError naming the path. */
export function requireObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw new ConversionError(`${path} must be an object`);
  return value;
}

/** The array at `path`, or a ConversionError naming the path. */
export function requireArray(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) throw new ConversionError(`${path} must be an array`);
  return value;
}

/** The array at `path` when present; absent or null is an empty list, anything else is an error. */
export function optionalArray(value: unknown, path: string): unknown[] {
  if (value === undefined || value === null) return [];
  return requireArray(value, path);
}

/** Parses a JSON text that must hold an object (response bodies, SSE data). */
export function parseJsonObject(text: string, what: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new ConversionError(`${what} is not valid JSON`, { cause });
  }
  if (!isObject(parsed)) throw new ConversionError(`${what} is not a JSON object`);
  return parsed;
}

/**
 * Key under which tool-call arguments that are not a JSON object travel inside an Anthropic
 * `input`, so a model's malformed or truncated arguments are neither lost nor fatal.
 */
export const RAW_ARGUMENTS_KEY = '__raw_arguments';

/** Chat `function.arguments` (a JSON string) → Anthropic `input` (an object). Never throws. */
export function parseToolArguments(args: unknown): JsonObject {
  if (isObject(args)) return args;
  if (typeof args !== 'string' || args.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(args);
    if (isObject(parsed)) return parsed;
  } catch {
    // Invalid JSON (often arguments cut off by max_tokens): keep the text verbatim below.
  }
  return { [RAW_ARGUMENTS_KEY]: args };
}

/** Anthropic `input` → Chat `function.arguments`, unwrapping what parseToolArguments wrapped. */
export function stringifyToolInput(input: unknown): string {
  if (isObject(input)) {
    const raw = input[RAW_ARGUMENTS_KEY];
    if (typeof raw === 'string' && Object.keys(input).length === 1) return raw;
  }
  if (input === undefined || input === null) return '{}';
  return JSON.stringify(input);
}

/** Copies `keys` from `from` to `to` when present (not undefined). */
export function copyKeys(from: JsonObject, to: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    if (from[key] !== undefined) to[key] = from[key];
  }
}

/** Unix time in seconds, as OpenAI's `created` field wants it. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
