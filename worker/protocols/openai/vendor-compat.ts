// Owns fitting a converted Chat request to OpenAI-compatible vendors that lack OpenAI-only fields.
import { isObject } from '../shared/json';
import type { JsonObject } from '../types';

/** Removes `prompt_cache_breakpoint` from every content part: only OpenAI itself accepts it. */
export function stripCacheBreakpoints(body: JsonObject): JsonObject {
  if (!Array.isArray(body.messages)) return body;
  let changed = false;
  const messages = body.messages.map((m) => {
    if (!isObject(m) || !Array.isArray(m.content)) return m;
    if (!m.content.some((p) => isObject(p) && 'prompt_cache_breakpoint' in p)) return m;
    changed = true;
    const content = m.content.map((p) => {
      if (!isObject(p) || !('prompt_cache_breakpoint' in p)) return p;
      const { prompt_cache_breakpoint: _dropped, ...rest } = p;
      return rest;
    });
    return { ...m, content };
  });
  return changed ? { ...body, messages } : body;
}
