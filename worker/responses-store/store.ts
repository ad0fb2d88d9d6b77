// Owns stored Responses in R2: one object per response under its key's scope, item pointers, reads that wait for this isolate's writes.
//
// Why R2: a stored response is written once, read by id a few times (follow-ups, GET), deleted by id
// or by age, and can be megabytes (a whole conversation). D1 is 10 GB shared with the log index and
// caps a statement at 100 parameters; KV is eventually consistent (a follow-up a second later could
// miss its turn); a Durable Object lives in one place. R2 is strongly consistent, unbounded, and
// expires objects itself with a lifecycle rule; `expiresAt` is also checked on read.
import { itemPointerSchema, type StoredResponse, storedResponseSchema } from './record';

const PREFIX = 'responses/';
const ITEMS = 'items/';

/** Writes still under way in this isolate, so a follow-up that arrives first waits instead of missing. */
const pending = new Map<string, Promise<unknown>>();

/** A read that finds nothing is tried again this often: the write may still be under way elsewhere. */
const MISS_RETRIES_MS = [50, 150];

function objectKey(scope: string, id: string): string {
  return `${PREFIX}${encodeURIComponent(scope)}/${encodeURIComponent(id)}`;
}

function pointerKey(scope: string, itemId: string): string {
  return `${ITEMS}${encodeURIComponent(scope)}/${encodeURIComponent(itemId)}`;
}

async function readJson(bucket: R2Bucket, key: string): Promise<unknown> {
  const wait = pending.get(key);
  if (wait) await wait.catch(() => undefined);
  let object = await bucket.get(key);
  for (const delay of MISS_RETRIES_MS) {
    if (object) break;
    await new Promise((resolve) => setTimeout(resolve, delay));
    object = await bucket.get(key);
  }
  return object ? ((await object.json()) as unknown) : undefined;
}

function tracked(key: string, write: Promise<unknown>): Promise<unknown> {
  pending.set(key, write);
  return write.finally(() => {
    if (pending.get(key) === write) pending.delete(key);
  });
}

/** The key scope of a gateway key: its id, or `dashboard` for the admin plane's own calls. */
export function scopeOf(keyId: number | null): string {
  return keyId === null ? 'dashboard' : `key-${keyId}`;
}

export class ResponseStore {
  constructor(private readonly bucket: R2Bucket) {}

  /** The stored response, or undefined when absent, expired, of another key, or unreadable. */
  async get(scope: string, id: string, now = Date.now()): Promise<StoredResponse | undefined> {
    const parsed = storedResponseSchema.safeParse(await readJson(this.bucket, objectKey(scope, id)));
    if (!parsed.success || parsed.data.scope !== scope || parsed.data.expiresAt <= now) return undefined;
    return parsed.data;
  }

  /** The stored response holding an item whose id the upstream minted, via its pointer. */
  async responseIdOfItem(scope: string, itemId: string): Promise<string | undefined> {
    const parsed = itemPointerSchema.safeParse(await readJson(this.bucket, pointerKey(scope, itemId)));
    return parsed.success ? parsed.data.responseId : undefined;
  }

  /** Writes the response, and a pointer for each item id listed (those the gateway cannot decode). */
  put(record: StoredResponse, pointerItemIds: readonly string[] = []): Promise<unknown> {
    const options = { customMetadata: { expiresAt: String(record.expiresAt) } };
    const writes = [
      tracked(
        objectKey(record.scope, record.id),
        this.bucket.put(objectKey(record.scope, record.id), JSON.stringify(record), options),
      ),
      ...pointerItemIds.map((itemId) => {
        const key = pointerKey(record.scope, itemId);
        return tracked(key, this.bucket.put(key, JSON.stringify({ v: 1, responseId: record.id }), options));
      }),
    ];
    return Promise.all(writes);
  }

  /** Deletes a stored response (its item pointers lead nowhere after it and expire with it). */
  async delete(scope: string, id: string): Promise<void> {
    await this.bucket.delete(objectKey(scope, id));
  }
}
