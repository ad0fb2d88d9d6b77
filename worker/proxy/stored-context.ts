// Owns reading the stored Responses a request names (previous_response_id, item_reference) before it is planned.
import { GatewayError } from '../errors';
import {
  conversationOf,
  expandStoredInput,
  itemReferences,
  itemsById,
  responseIdOfItem,
  type StoredTurn,
  usesStoredState,
} from '../protocols/responses/stored-input';
import type { JsonObject } from '../protocols/types';
import type { StoredResponse } from '../responses-store/record';
import type { ResponseStore } from '../responses-store/store';

/** At most this many stored responses are read for one request's item references. */
const MAX_REFERENCED_RESPONSES = 32;

/** What the stored state of a request resolved to. */
export interface StoredContext {
  /** The request with the stored conversation expanded into `input` and no `previous_response_id`. */
  body: JsonObject;
  previousResponseId: string | undefined;
  /** `previous_response_id` named a response this key does not have (a Responses provider may). */
  previousMissing: boolean;
  /** The conversation before this request's own input. */
  context: JsonObject[];
  /** The links that produced the turns read; empty when none was found. */
  linkIds: Set<number>;
  /** The link that produced the latest turn read: a follow-up prefers it while it is healthy. */
  affinityLinkId: number | undefined;
}

function turnOf(record: StoredResponse): StoredTurn {
  return { id: record.id, context: record.context, inputItems: record.inputItems, response: record.response };
}

async function referencedRecords(
  store: ResponseStore,
  scope: string,
  refs: string[],
  skip: string | undefined,
): Promise<StoredResponse[]> {
  const ids = await Promise.all(
    refs.map(async (ref) => responseIdOfItem(ref) ?? (await store.responseIdOfItem(scope, ref))),
  );
  const wanted = [...new Set(ids.filter((id): id is string => id !== undefined && id !== skip))];
  const records = await Promise.all(
    wanted.slice(0, MAX_REFERENCED_RESPONSES).map((id) => store.get(scope, id)),
  );
  return records.filter((r): r is StoredResponse => r !== undefined);
}

/**
 * Reads what a Responses request continues or references, scoped to the calling key; undefined when
 * it names no stored state. Only such requests pay for a read (one per stored response named).
 */
export async function loadStoredContext(
  store: ResponseStore,
  scope: string,
  body: JsonObject,
): Promise<StoredContext | undefined> {
  if (!usesStoredState(body)) return undefined;
  const previousId = typeof body.previous_response_id === 'string' ? body.previous_response_id : undefined;
  const previous = previousId === undefined ? undefined : await store.get(scope, previousId);
  const referenced = await referencedRecords(store, scope, itemReferences(body.input), previousId);
  const records = previous ? [previous, ...referenced] : referenced;
  const turns = records.map(turnOf);
  const expanded = expandStoredInput(body, previous && turnOf(previous), itemsById(turns));
  return {
    body:
      previousId !== undefined && !previous ? { ...expanded, previous_response_id: previousId } : expanded,
    previousResponseId: previousId,
    previousMissing: previousId !== undefined && !previous,
    context: previous ? conversationOf(turnOf(previous)) : [],
    linkIds: new Set(records.map((r) => r.linkId)),
    affinityLinkId: records.reduce<StoredResponse | undefined>(
      (latest, r) => (latest === undefined || r.createdAt > latest.createdAt ? r : latest),
      undefined,
    )?.linkId,
  };
}

/** The refusal for a `previous_response_id` no provider of the route can resolve. */
export function previousNotFound(id: string): GatewayError {
  return new GatewayError('previous_response_not_found', `Previous response with id '${id}' not found.`, {
    param: 'previous_response_id',
  });
}
