// Owns JSON-schema translation for Gemini: its OpenAPI-style `parameters`/`responseSchema` ⇄ plain JSON Schema.
import { isObject } from '../shared/json';
import type { JsonObject } from '../types';

// Gemini-only annotations with no JSON Schema meaning.
const GEMINI_ONLY = new Set(['propertyOrdering', 'nullable']);

/**
 * A Gemini `Schema` (type names in capitals, `nullable`) → JSON Schema as OpenAI and Anthropic take it.
 * Recursive over properties, items and the combinators; unknown keys are kept.
 */
export function geminiSchemaToJson(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(geminiSchemaToJson);
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (GEMINI_ONLY.has(key)) continue;
    if (key === 'type' && typeof value === 'string') out.type = value.toLowerCase();
    else if (key === 'properties' && isObject(value)) {
      out.properties = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, geminiSchemaToJson(v)]));
    } else if (key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      out[key] = geminiSchemaToJson(value);
    } else out[key] = value;
  }
  if (schema.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}
