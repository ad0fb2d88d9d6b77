// Owns a Responses request's stored state: the conversation it names, read before planning, and its answer, kept after.
import type { Context } from 'hono';
import type { AppEnv } from '../app-env';
import { ResponseStore, scopeOf } from '../responses-store/store';
import type { ProxyRequest } from './request';
import { storeResponse, wantsStore } from './store-response';
import { loadStoredContext } from './stored-context';
import type { RequestTrace } from './trace';

/**
 * Only a request that names stored state pays for a read (`req.stored`); the answer is written in
 * waitUntil once the client has it (when `store` is not false). Other endpoints are left alone.
 */
export async function attachStoredState(
  c: Context<AppEnv>,
  req: ProxyRequest,
  trace: RequestTrace,
): Promise<void> {
  if (req.spec.id !== 'responses' || req.body.kind !== 'json') return;
  const responses = new ResponseStore(c.env.RESPONSES_BUCKET);
  const ttlDays = c.get('settings').RESPONSES_TTL_DAYS;
  req.stored = await loadStoredContext(responses, scopeOf(req.key.id), req.body.json);
  c.executionCtx.waitUntil(
    trace.finished
      .then((s) => (wantsStore(s) ? storeResponse(responses, s, ttlDays) : undefined))
      .catch((err) => console.error(`stored response of ${trace.traceId} could not be written`, err)),
  );
}
