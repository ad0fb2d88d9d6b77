// Owns the admin API's request plumbing: JSON bodies through zod, pagination and ISO timestamps.
import type { Context } from 'hono';
import type { z } from 'zod';
import { GatewayError } from '../errors';

/** Reads the JSON body and validates it; malformed JSON and schema failures are 400s with details. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (type && !/^application\/(.+\+)?json\b/i.test(type)) {
    throw new GatewayError('unsupported_media_type', 'Content-Type must be application/json');
  }
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    throw new GatewayError('validation_error', 'Request body is not valid JSON');
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    const first = details[0];
    const message = first ? `${first.field || 'body'}: ${first.message}` : 'Invalid request body';
    throw new GatewayError('validation_error', message, { details });
  }
  return parsed.data;
}

export interface Page {
  page: number;
  pageSize: number;
  offset: number;
}

/** Parses `page` (≥1) and `page_size` (1..max, default 20) from the query string. */
export function readPage(c: Context, max = 1000): Page {
  const page = intParam(c, 'page', 1, 1, 1_000_000);
  const pageSize = intParam(c, 'page_size', 20, 1, max);
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** An optional integer query parameter with bounds; a present but invalid value is a 400. */
export function intParam(c: Context, name: string, def: number, min: number, max: number): number {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new GatewayError('validation_error', `${name} must be an integer between ${min} and ${max}`);
  }
  return n;
}

/** An optional boolean query parameter (`true`/`false`). */
export function boolParam(c: Context, name: string): boolean | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new GatewayError('validation_error', `${name} must be true or false`);
}

/** A positive integer path id, or a 404 with the given code. */
export function pathId(
  c: Context,
  code: 'provider_not_found' | 'model_provider_not_found' | 'api_key_not_found',
) {
  const n = Number(c.req.param('id'));
  if (!Number.isInteger(n) || n <= 0) throw new GatewayError(code, `No such id: ${c.req.param('id')}`);
  return n;
}

export function paged<T>(items: T[], total: number, page: Page) {
  return { items, total, page: page.page, page_size: page.pageSize };
}

export function iso(value: Date | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value).toISOString();
}
