// Owns the log queue consumer: validate, bodies to R2, index rows to D1 idempotently, retry with backoff.
import { sql } from 'drizzle-orm';
import { GRAINS, rollupDelta } from '../analytics/rollup-delta';
import { FINE_RETENTION_MS } from '../analytics/window';
import { createDb } from '../db/client';
import { markAllKeysSeries } from '../db/queries/rollup-series';
import { addIfInserted } from '../db/queries/rollup-write';
import { rawBatch } from '../db/raw-batch';
import { apiKeys, logDeadLetters, type RequestLogInsert, requestLogs } from '../db/schema';
import type { Env } from '../env';
import { type SettleEntry, settleReservations } from '../limits/settle';
import { exportTelemetry } from '../telemetry/export';
import { writeDetails } from './detail-store';
import { toIndexRow } from './finalize';
import { type LogMessage, logMessageSchema } from './record';

const MAX_BACKOFF_SECONDS = 300;

function backoff(attempts: number): number {
  return Math.min(MAX_BACKOFF_SECONDS, 2 ** Math.min(attempts, 9));
}

interface Valid {
  message: Message<unknown>;
  body: LogMessage;
}

/**
 * Writes one batch of valid records: R2 bodies first (one object per day), then one D1 batch in which
 * each idempotent insert is followed by its rollup upsert, which only counts the record when the insert
 * really added it (a redelivered record adds nothing to the rollups). Budget reservations of new
 * records are then settled at their real cost. `onStored` receives the index rows once they are written.
 */
export async function storeRecords(
  env: Env,
  items: LogMessage[],
  onStored?: (rows: RequestLogInsert[]) => void,
): Promise<void> {
  const db = createDb(env.DB);
  const locations = await writeDetails(env.LOG_BUCKET, items);
  const rows: RequestLogInsert[] = [];
  for (const msg of items) rows.push(await toIndexRow(msg, locations.get(msg.id) ?? null));
  if (rows.length === 0) return;
  const lastUsed = new Map<number, number>();
  for (const r of rows) {
    if (r.apiKeyId && r.kind === 'request')
      lastUsed.set(r.apiKeyId, Math.max(lastUsed.get(r.apiKeyId) ?? 0, r.requestTime));
  }
  // Each upsert counts only if the statement just before changed a row: the chain insert → hourly →
  // five-minute → all keys runs whole for a new record and not at all for a redelivered one.
  // Five-minute rollups only for records young enough to be read from them (late and old records skip).
  const fineFrom = Date.now() - FINE_RETENTION_MS;
  /** Where each row's insert sits in the batch, to read whether it really inserted. */
  const insertAt: number[] = [];
  let statements = 0;
  const inserts = rows.flatMap((row) => {
    const rollups = GRAINS.filter((g) => g !== 5 || row.requestTime >= fineFrom);
    insertAt.push(statements);
    statements += 1 + rollups.length;
    return [
      db.insert(requestLogs).values(row).onConflictDoNothing({ target: requestLogs.id }),
      ...rollups.map((grain) => addIfInserted(db, rollupDelta(row, grain))),
    ];
  });
  const touches = [...lastUsed].map(([id, at]) =>
    db
      .update(apiKeys)
      .set({ lastUsedAt: sql`max(coalesce(${apiKeys.lastUsedAt}, 0), ${at})` })
      .where(sql`${apiKeys.id} = ${id}`),
  );
  // Last, so the indexes of the inserts' results stay as counted above.
  const results = await rawBatch(env.DB, [...inserts, ...touches, markAllKeysSeries(db, Date.now())]);
  await settleReservations(env.LIMITER, newSettles(items, rows, insertAt, results));
  onStored?.(rows);
}

/**
 * Budget reservations of the records this batch really inserted, at their real cost: a redelivered
 * record inserts nothing, so it never settles twice.
 */
function newSettles(
  items: LogMessage[],
  rows: RequestLogInsert[],
  insertAt: number[],
  results: D1Result[],
): SettleEntry[] {
  const out: SettleEntry[] = [];
  items.forEach((msg, i) => {
    const limits = msg.limits;
    const at = insertAt[i] as number;
    if (!limits || (results[at]?.meta.changes ?? 0) === 0) return;
    out.push({
      scopes: limits.scopes,
      bucket: limits.bucket,
      reserved: limits.reserved_usd,
      cost: rows[i]?.totalCost ?? 0,
    });
  });
  return out;
}

/** The producer sends each record as JSON text (serialized once); older messages may be objects. */
function decode(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

/** Test hook: a configured share of batches fails on purpose to prove redelivery loses nothing. */
function injectedFault(env: Env): boolean {
  const rate = Number(env.LOG_CONSUMER_FAULT_RATE ?? 0);
  return rate > 0 && Math.random() < rate;
}

interface DeadLetter {
  message: Message<unknown>;
  error: string;
}

/** Keeps messages that could not be stored in log_dead_letters, in one D1 batch. */
async function deadLetters(env: Env, letters: DeadLetter[]): Promise<void> {
  const db = createDb(env.DB);
  const [first, ...rest] = letters.map(({ message, error }) => {
    const body = decode(message.body) as Partial<LogMessage> | undefined;
    const text = typeof message.body === 'string' ? message.body : JSON.stringify(message.body ?? null);
    return db
      .insert(logDeadLetters)
      .values({
        messageId: message.id,
        recordId: typeof body?.id === 'string' ? body.id : null,
        traceId: typeof body?.trace_id === 'string' ? body.trace_id : null,
        attempts: message.attempts,
        error: error.slice(0, 2000),
        body: text.slice(0, 100_000),
        receivedAt: Date.now(),
      })
      .onConflictDoNothing({ target: logDeadLetters.messageId });
  });
  if (first) await db.batch([first, ...rest]);
}

/** The main consumer. Invalid messages are dead-lettered at once; storage failures retry with backoff. */
export async function consumeLogs(
  batch: MessageBatch<unknown>,
  env: Env,
  ctx?: Pick<ExecutionContext, 'waitUntil'>,
): Promise<void> {
  const { valid, invalid } = parseBatch(batch);
  if (invalid.length > 0) {
    await deadLetters(env, invalid);
    for (const d of invalid) d.message.ack();
  }
  if (valid.length === 0) return;
  try {
    if (injectedFault(env)) throw new Error('injected consumer fault');
    await storeRecords(
      env,
      valid.map((v) => v.body),
      // OTLP export runs after the write, in waitUntil: it can neither delay nor fail the batch.
      (rows) => ctx && exportTelemetry(env, rows, (p) => ctx.waitUntil(p)),
    );
    for (const v of valid) v.message.ack();
  } catch (err) {
    console.warn(`log batch of ${valid.length} failed; retrying`, err);
    for (const v of valid) v.message.retry({ delaySeconds: backoff(v.message.attempts) });
  }
}

function parseBatch(batch: MessageBatch<unknown>): { valid: Valid[]; invalid: DeadLetter[] } {
  const valid: Valid[] = [];
  const invalid: DeadLetter[] = [];
  for (const message of batch.messages) {
    const parsed = logMessageSchema.safeParse(decode(message.body));
    if (parsed.success) valid.push({ message, body: parsed.data });
    else
      invalid.push({
        message,
        error: `invalid log message: ${parsed.error.issues[0]?.message ?? 'schema mismatch'}`,
      });
  }
  return { valid, invalid };
}

/**
 * The dead-letter consumer: one last try to store the batch's records together; if that fails, each
 * on its own (so one poison record does not take the others with it); what still fails is kept in
 * log_dead_letters, all in one write.
 */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const { valid, invalid } = parseBatch(batch);
  const failed: DeadLetter[] = [...invalid];
  try {
    if (valid.length > 0)
      await storeRecords(
        env,
        valid.map((v) => v.body),
      );
  } catch {
    for (const v of valid) {
      try {
        await storeRecords(env, [v.body]);
      } catch (err) {
        failed.push({ message: v.message, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }
  if (failed.length > 0) await deadLetters(env, failed);
  for (const message of batch.messages) message.ack();
}
