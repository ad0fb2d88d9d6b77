// The state a real Responses API keeps: stored responses by id, so `previous_response_id` and `item_reference` resolve or fail as they would.
import { UpstreamError } from './errors.ts';
import { asArray, asObject, asString, type JsonObject } from './values.ts';

const MAX_STORED = 10_000;
const stored = new Map<string, JsonObject[]>();

/** Remembers a stored response's output items under its provider and id (`store` defaults to true). */
export function rememberResponse(provider: string, body: JsonObject, id: string, output: JsonObject[]): void {
  if (body.store === false) return;
  if (stored.size >= MAX_STORED) stored.clear();
  stored.set(`${provider}:${id}`, output);
}

/**
 * Refuses what this provider never stored, as OpenAI does: an unknown `previous_response_id`, or an
 * `item_reference` to an item of no stored response of this provider.
 */
export function checkStoredState(provider: string, body: JsonObject): void {
  const previous = asString(body.previous_response_id);
  if (previous !== undefined && !stored.has(`${provider}:${previous}`))
    throw new UpstreamError(400, `Previous response with id '${previous}' not found.`);
  const refs = asArray(body.input)
    .map(asObject)
    .filter((i) => i?.type === 'item_reference')
    .map((i) => asString(i?.id));
  if (refs.length === 0) return;
  const known = new Set<string>();
  for (const [key, items] of stored) {
    if (!key.startsWith(`${provider}:`)) continue;
    for (const item of items) if (typeof item.id === 'string') known.add(item.id);
  }
  for (const ref of refs) {
    if (ref === undefined || !known.has(ref))
      throw new UpstreamError(400, `Item with id '${ref}' not found.`);
  }
}
