// D1 takes at most 100 bound parameters per statement: a page of 1,000 rows must not put them all in one `IN (…)`.
import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { admin, unique } from '../support/http';

const ROWS = 150;

/** Inserts rows straight into D1 in one batch (creating 150 through the API would only be slower). */
async function insertKeys(prefix: string): Promise<number[]> {
  const now = Date.now();
  const statements = Array.from({ length: ROWS }, (_, i) =>
    env.DB.prepare(
      'insert into api_keys (key_name, key_hash, key_prefix, key_suffix, created_at) values (?, ?, ?, ?, ?) returning id',
    ).bind(`${prefix}-${i}`, `${prefix}-hash-${i}`, 'lgw-0000', '0000', now),
  );
  const results = await env.DB.batch<{ id: number }>(statements);
  return results.map((r) => r.results[0]!.id);
}

describe('admin lists at a page size of 1000', () => {
  it('lists more than 100 API keys with their month-to-date cost', async () => {
    const ids = await insertKeys(unique('bulk key'));
    const bucket = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    // One rollup row for the last key: its cost must come through the chunked lookup.
    await env.DB.prepare(
      `insert into log_rollups (grain, bucket_start, kind, requested_model, provider_id, target_model, api_key_id,
        status_class, is_stream, outcome, requests, retries, input_tokens, output_tokens, cache_read_tokens,
        cache_write_tokens, reasoning_tokens, total_cost, input_cost, output_cost, first_byte_count,
        first_byte_sum_ms, total_time_count, total_time_sum_ms, first_byte_hist, total_time_hist)
       values (60, ?, 'request', 'm', 1, 't', ?, 2, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0.25, 0.1, 0.15, 0, 0, 0, 0, '{}', '{}')`,
    )
      .bind(bucket, ids.at(-1))
      .run();
    const res = await admin.get('/api-keys?page_size=1000');
    expect(res.status).toBe(200);
    const items = res.json.items as { id: number; monthly_cost: number }[];
    const mine = items.filter((k) => ids.includes(k.id));
    expect(mine).toHaveLength(ROWS);
    expect(mine.find((k) => k.id === ids.at(-1))?.monthly_cost).toBe(0.25);
  });

  it('lists more than 100 models and providers with their link counts', async () => {
    const tag = unique('bulk');
    const now = Date.now();
    await env.DB.batch(
      Array.from({ length: ROWS }, (_, i) =>
        env.DB.prepare(
          `insert into model_mappings (requested_model, strategy, model_type, is_active, created_at, updated_at)
           values (?, 'round_robin', 'chat', 1, ?, ?)`,
        ).bind(`${tag}-model-${i}`, now, now),
      ),
    );
    const models = await admin.get(`/models?page_size=1000&requested_model=${encodeURIComponent(tag)}`);
    expect(models.status).toBe(200);
    expect(models.json.items as unknown[]).toHaveLength(ROWS);
    await env.DB.batch(
      Array.from({ length: ROWS }, (_, i) =>
        env.DB.prepare(
          `insert into providers (name, base_url, protocol, is_active, created_at, updated_at)
           values (?, 'https://api.example.com', 'openai', 1, ?, ?)`,
        ).bind(`${tag}-provider-${i}`, now, now),
      ),
    );
    const providers = await admin.get(`/providers?page_size=1000&name=${encodeURIComponent(tag)}`);
    expect(providers.status).toBe(200);
    expect(providers.json.items as unknown[]).toHaveLength(ROWS);
  });
});
