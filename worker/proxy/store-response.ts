// Owns writing a finished Responses exchange to the response store, after the client has its answer.
import { parseSse } from '../lib/sse';
import { sanitizerFor } from '../logging/sanitizer';
import { inputAsItems, responseIdOfItem } from '../protocols/responses/stored-input';
import type { JsonObject } from '../protocols/types';
import type { StoredResponse } from '../responses-store/record';
import { type ResponseStore, scopeOf } from '../responses-store/store';
import type { TraceSummary } from './trace';

const decoder = new TextDecoder();
const DAY_MS = 86_400_000;
const FINAL_EVENTS = new Set(['response.completed', 'response.incomplete']);

function parseObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** The response object the client received: its body, or the last `response.completed` of its stream. */
function finalResponse(s: TraceSummary): JsonObject | undefined {
  const success = s.success;
  if (!success) return undefined;
  if (!success.ctx.req.stream) {
    const bytes = success.clientBody ?? success.success.body;
    return bytes ? parseObject(decoder.decode(bytes)) : undefined;
  }
  // The client's own bytes: converted for a converting bridge, the upstream's for a relayed stream.
  const seen = success.ctx.bridge.identity ? s.upstream : s.client;
  let last: JsonObject | undefined;
  for (const event of parseSse(seen.text())) {
    const data = parseObject(event.data);
    if (data && FINAL_EVENTS.has(String(data.type))) last = data.response as JsonObject | undefined;
  }
  return last;
}

/** Whether a finished request is a Responses exchange the client asked to keep (`store`, default true). */
export function wantsStore(s: TraceSummary): boolean {
  const body = s.req?.body;
  return (
    s.spec.id === 'responses' &&
    body?.kind === 'json' &&
    body.json.store !== false &&
    s.success !== null &&
    s.outcome.status < 400 &&
    s.outcome.errorType === null
  );
}

/**
 * Builds and writes the stored response of a finished exchange (call only when `wantsStore`). Keys the
 * upstream or the gateway may have echoed are masked, as in the log. Resolves once written.
 */
export async function storeResponse(store: ResponseStore, s: TraceSummary, ttlDays: number): Promise<void> {
  const req = s.req;
  const success = s.success;
  const response = finalResponse(s);
  if (!req || !success || req.body.kind !== 'json' || !response || typeof response.id !== 'string') {
    console.warn(`stored response of ${s.traceId} skipped: no final response object was seen`);
    return;
  }
  const stored = req.stored;
  const ownInput = inputAsItems(stored ? stored.body.input : req.body.json.input).slice(
    stored?.context.length ?? 0,
  );
  const clean = sanitizerFor([...success.ctx.candidate.provider.secrets, req.key.secret], req.keyPrefix);
  const cleaned = JSON.parse(
    clean.text(JSON.stringify({ ownInput, response, context: stored?.context ?? [] })),
  );
  const now = Date.now();
  const record: StoredResponse = {
    v: 1,
    id: response.id,
    scope: scopeOf(req.key.id),
    createdAt: now,
    expiresAt: now + ttlDays * DAY_MS,
    linkId: success.ctx.candidate.link.id,
    providerId: success.ctx.candidate.provider.id,
    requestedModel: req.model,
    previousResponseId: stored?.previousResponseId ?? null,
    context: cleaned.context,
    inputItems: cleaned.ownInput,
    response: cleaned.response,
  };
  // Ids the gateway minted name their response; any other id needs a pointer to be found again.
  const output = Array.isArray(response.output) ? (response.output as JsonObject[]) : [];
  const pointers = output
    .map((item) => item.id)
    .filter((id): id is string => typeof id === 'string' && responseIdOfItem(id) === undefined);
  await store.put(record, pointers);
}
