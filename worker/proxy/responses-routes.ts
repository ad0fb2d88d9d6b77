// Owns the stored-Responses read and delete routes: GET /v1/responses/{id}, its input_items, DELETE.
import type { Context, Hono, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import type { StoredResponse } from '../responses-store/record';
import { ResponseStore, scopeOf } from '../responses-store/store';

const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  order: z.enum(['asc', 'desc']).default('desc'),
  after: z.string().min(1).optional(),
});

async function found(c: Context<AppEnv>): Promise<StoredResponse> {
  const id = c.req.param('id') ?? '';
  const record = await new ResponseStore(c.env.RESPONSES_BUCKET).get(scopeOf(c.get('key').id), id);
  // Another key's response is as absent as one that never existed.
  if (!record) throw new GatewayError('response_not_found', `Response with id '${id}' not found.`);
  return record;
}

function page(items: Record<string, unknown>[], query: z.infer<typeof listQuery>) {
  const ordered = query.order === 'asc' ? items : [...items].reverse();
  const start = query.after === undefined ? 0 : ordered.findIndex((i) => i.id === query.after) + 1;
  const data = ordered.slice(start, start + query.limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: start + data.length < ordered.length,
  };
}

/** Mounts the stored-Responses routes on the /v1 app, behind the gateway key check. */
export function mountResponsesRoutes(app: Hono<AppEnv>, auth: MiddlewareHandler<AppEnv>): void {
  app.get('/responses/:id', auth, async (c) => c.json((await found(c)).response));

  app.get('/responses/:id/input_items', auth, async (c) => {
    const query = listQuery.safeParse(c.req.query());
    if (!query.success)
      throw new GatewayError('invalid_request', `Invalid list parameters: ${query.error.issues[0]?.message}`);
    return c.json(page((await found(c)).inputItems, query.data));
  });

  app.delete('/responses/:id', auth, async (c) => {
    const record = await found(c);
    await new ResponseStore(c.env.RESPONSES_BUCKET).delete(record.scope, record.id);
    return c.json({ id: record.id, object: 'response', deleted: true });
  });
}
