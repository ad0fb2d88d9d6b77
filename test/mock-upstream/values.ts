// Narrowing helpers for untyped JSON request bodies, so routes read fields without casts.

export type JsonObject = Record<string, unknown>;

export function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function asString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** Reads a non-negative integer from a header, directive or flag; undefined when absent or invalid. */
export function parseCount(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  const n = Number(text);
  return Number.isInteger(n) && n >= 0 ? n : undefined;
}

/**
 * Concatenates the text of a message content value in any of the three protocols: a string,
 * or an array of parts carrying `text` (OpenAI `text`, Anthropic `text`, Responses `input_text`).
 */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  let out = '';
  for (const part of asArray(content)) {
    const text = asString(asObject(part)?.text);
    if (text !== undefined) out = out ? `${out}\n${text}` : text;
  }
  return out;
}
