// Owns what stored Responses mean for a request: which stored responses it names, and its input with them expanded.
//
// A stored turn keeps the conversation before it (`context`), its own input items and its response,
// so continuing it is one read: `previous_response_id` becomes context + input + output + the new
// input, and each `item_reference` becomes the item it names. Instructions are not carried over,
// as OpenAI documents. Pure: the proxy fetches the turns and hands them in.
import type { JsonObject } from '../types';
import { isObject } from './json-fields';

/** One stored response as the expansion needs it. */
export interface StoredTurn {
  id: string;
  context: JsonObject[];
  inputItems: JsonObject[];
  response: JsonObject;
}

/** The gateway's own item ids (`msg_<hex>`, `rs_<hex>_1`): the response that holds them is `resp_<hex>`. */
const MINTED_ITEM = /^(?:msg|rs)_([0-9a-f]{32})(?:_\d+)?$/;

/** The response id a gateway-minted item id belongs to, or undefined for any other id. */
export function responseIdOfItem(itemId: string): string | undefined {
  const hex = MINTED_ITEM.exec(itemId)?.[1];
  return hex === undefined ? undefined : `resp_${hex}`;
}

/** A fresh response id the gateway mints for a converted response: `resp_` and 32 hex digits. */
export function mintedResponseId(seed: string): string {
  const hex = seed.replace(/[^0-9a-f]/gi, '').toLowerCase();
  return `resp_${hex.padEnd(32, '0').slice(0, 32)}`;
}

/** The item references of an input, by id. */
export function itemReferences(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  return input
    .filter((i): i is JsonObject => isObject(i) && i.type === 'item_reference' && typeof i.id === 'string')
    .map((i) => i.id as string);
}

/** Whether a request needs stored state to be understood. */
export function usesStoredState(body: JsonObject): boolean {
  return typeof body.previous_response_id === 'string' || itemReferences(body.input).length > 0;
}

/** The whole conversation up to and including a stored turn's response. */
export function conversationOf(turn: StoredTurn): JsonObject[] {
  const output = Array.isArray(turn.response.output) ? (turn.response.output as JsonObject[]) : [];
  return [...turn.context, ...turn.inputItems, ...output];
}

/** A request's input as items: a string is one user message. */
export function inputAsItems(input: unknown): JsonObject[] {
  if (typeof input === 'string')
    return [{ type: 'message', role: 'user', content: [{ type: 'input_text', text: input }] }];
  return Array.isArray(input) ? input.filter(isObject) : [];
}

/** Every item of the turns, by id, to resolve references against. */
export function itemsById(turns: readonly StoredTurn[]): Map<string, JsonObject> {
  const out = new Map<string, JsonObject>();
  for (const turn of turns) {
    for (const item of conversationOf(turn)) if (typeof item.id === 'string') out.set(item.id, item);
  }
  return out;
}

/**
 * The request with stored state expanded: `previous_response_id` removed and its conversation put
 * before the input; every resolvable `item_reference` replaced by its item. A reference that no turn
 * holds stays, for a provider that stores it itself (or a clear refusal by the converter).
 */
export function expandStoredInput(
  body: JsonObject,
  previous: StoredTurn | undefined,
  items: ReadonlyMap<string, JsonObject>,
): JsonObject {
  const { previous_response_id: _omitted, ...rest } = body;
  const input = inputAsItems(body.input).map((item) =>
    item.type === 'item_reference' && typeof item.id === 'string' ? (items.get(item.id) ?? item) : item,
  );
  return { ...rest, input: previous ? [...conversationOf(previous), ...input] : input };
}
