// Owns settling budget reservations at the real cost, from the log consumer once a record is stored.
import { withTimeout } from '../lib/timing';
import type { LimiterBinding } from './client';
import type { SettleItem } from './schemas';

/** One stored request that reserved budget in `scopes` at admission minute `bucket`. */
export interface SettleEntry {
  scopes: string[];
  bucket: number;
  reserved: number;
  /** What the record really cost (0 when it failed or cost nothing). */
  cost: number;
}

const SETTLE_TIMEOUT_MS = 5_000;
const MAX_ITEMS = 100;

/** Sums entries per scope and admission minute: one call per scope per consumer batch. */
export function groupSettles(entries: readonly SettleEntry[]): Map<string, SettleItem[]> {
  const byScope = new Map<string, Map<number, SettleItem>>();
  for (const e of entries) {
    for (const scope of e.scopes) {
      let buckets = byScope.get(scope);
      if (!buckets) {
        buckets = new Map();
        byScope.set(scope, buckets);
      }
      const item = buckets.get(e.bucket) ?? { bucket: e.bucket, reserved: 0, cost: 0 };
      item.reserved += e.reserved;
      item.cost += e.cost;
      buckets.set(e.bucket, item);
    }
  }
  return new Map([...byScope].map(([scope, buckets]) => [scope, [...buckets.values()]]));
}

/**
 * Settles what the batch's newly stored records reserved (a redelivered record is not newly stored, so
 * nothing settles twice). A failure is retried once and then logged: the reservation expires by itself.
 */
export async function settleReservations(
  binding: LimiterBinding | undefined,
  entries: readonly SettleEntry[],
): Promise<void> {
  if (!binding || entries.length === 0) return;
  const calls = [...groupSettles(entries)].flatMap(([scope, items]) => {
    const chunks: SettleItem[][] = [];
    for (let i = 0; i < items.length; i += MAX_ITEMS) chunks.push(items.slice(i, i + MAX_ITEMS));
    return chunks.map(async (chunk) => {
      for (let attempt = 1; ; attempt++) {
        try {
          const stub = binding.get(binding.idFromName(scope));
          await withTimeout(stub.settle(chunk), SETTLE_TIMEOUT_MS, 'limiter settle timed out');
          return;
        } catch (err) {
          if (attempt >= 2) {
            console.warn(
              `budget settle for ${scope.split(':')[0]} failed; its reservations will expire`,
              err,
            );
            return;
          }
        }
      }
    });
  });
  await Promise.all(calls);
}
