// Owns the response-cache purges: a model's entries (every key's) or one key's, by moving a generation on.
import { eq, sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { bumpConfigVersion } from '../db/queries/config-version';
import { apiKeys, modelMappings } from '../db/schema';
import { GatewayError } from '../errors';
import { pathId } from './http';

/**
 * Entries live in the Cache API of each data center, which cannot be listed: a purge bumps the
 * generation that every cache key includes, so no isolate reads an older entry once its config has
 * moved on (within CONFIG_CACHE_TTL_MS), and the old entries age out by their TTL.
 */
export const cacheRoutes = new Hono<AppEnv>();

cacheRoutes.post('/models/:name{.+}/cache/purge', async (c) => {
  const db = c.get('db');
  const name = c.req.param('name');
  const [updated] = await db.batch([
    db
      .update(modelMappings)
      .set({ cacheGeneration: sql`${modelMappings.cacheGeneration} + 1` })
      .where(eq(modelMappings.requestedModel, name))
      .returning({ generation: modelMappings.cacheGeneration }),
    bumpConfigVersion(db),
  ]);
  const row = updated[0];
  if (!row) throw new GatewayError('model_not_found', `Model "${name}" not found`);
  return c.json({ requested_model: name, purged: true, cache_generation: row.generation });
});

cacheRoutes.post('/api-keys/:id/cache/purge', async (c) => {
  const db = c.get('db');
  const id = pathId(c, 'api_key_not_found');
  const [updated] = await db.batch([
    db
      .update(apiKeys)
      .set({ cacheGeneration: sql`${apiKeys.cacheGeneration} + 1` })
      .where(eq(apiKeys.id, id))
      .returning({ generation: apiKeys.cacheGeneration }),
    bumpConfigVersion(db),
  ]);
  const row = updated[0];
  if (!row) throw new GatewayError('api_key_not_found', `API key ${id} not found`);
  return c.json({ id, purged: true, cache_generation: row.generation });
});
