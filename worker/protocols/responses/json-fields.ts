// Owns the typed readers the Responses and Completions converters use on untrusted JSON: wrong shapes become ConversionError.
import { ConversionError, type JsonObject, type SseEvent } from '../types';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as an object, or a ConversionError naming what was expected. */
export function asObject(value: unknown, what: string): JsonObject {
  if (!isObject(value)) throw new ConversionError(`${what} must be an object`);
  return value;
}

/** Absent (undefined or null) → undefined; present but not an object → ConversionError. */
export function optObject(value: unknown, what: string): JsonObject | undefined {
  return value === undefined || value === null ? undefined : asObject(value, what);
}

export function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ConversionError(`${what} must be an array`);
  return value;
}

export function optArray(value: unknown, what: string): unknown[] | undefined {
  return value === undefined || value === null ? undefined : asArray(value, what);
}

export function asString(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new ConversionError(`${what} must be a string`);
  return value;
}

export function optString(value: unknown, what: string): string | undefined {
  return value === undefined || value === null ? undefined : asString(value, what);
}

export function optNumber(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ConversionError(`${what} must be a number`);
  }
  return value;
}

/** Copies the listed keys that are present (and not undefined) from one object to another. */
export function copyPresent(from: JsonObject, to: JsonObject, keys: readonly string[]): void {
  for (const key of keys) {
    if (from[key] !== undefined) to[key] = from[key];
  }
}

/** Parses an SSE event's JSON payload; `null` for the `[DONE]` sentinel. */
export function parseEventData(event: SseEvent): JsonObject | null {
  const data = event.data.trim();
  if (data === '[DONE]') return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch (cause) {
    throw new ConversionError('stream event data is not valid JSON', { cause });
  }
  return asObject(parsed, 'stream event data');
}

/** An SSE event carrying a JSON payload, optionally named. */
export function jsonEvent(payload: unknown, event?: string): SseEvent {
  const out: SseEvent = { data: JSON.stringify(payload) };
  if (event !== undefined) out.event = event;
  return out;
}

/** The `[DONE]` sentinel that ends OpenAI Chat and Completions streams. */
export function doneEvent(): SseEvent {
  return { data: '[DONE]' };
}
