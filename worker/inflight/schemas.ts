// Owns the in-flight registry's RPC contract: zod schemas checked inside the Durable Object, and the types.
import { z } from 'zod';

/** One running request as the registry lists it. Times are epoch ms. */
export const inFlightEntrySchema = z.object({
  trace_id: z.string().min(8).max(100),
  started_at: z.number().int().nonnegative(),
  requested_model: z.string().max(300).nullable(),
  path: z.string().max(200),
  is_stream: z.boolean(),
  api_key_id: z.number().int().nullable(),
  api_key_name: z.string().max(200).nullable(),
  user_id: z.string().max(255).nullable(),
});

export type InFlightEntry = z.infer<typeof inFlightEntrySchema>;

const MAX_PER_SYNC = 2000;

/** What an isolate tells its shard: requests it started or finished since its last sync. */
export const syncSchema = z.object({
  isolate: z.string().min(8).max(64),
  /** True when `added` is the isolate's whole set (first sync, or after the object lost its memory). */
  full: z.boolean(),
  added: z.array(inFlightEntrySchema).max(MAX_PER_SYNC),
  removed: z.array(z.string().max(100)).max(MAX_PER_SYNC),
});

export type SyncInput = z.infer<typeof syncSchema>;

export interface SyncResult {
  /** Trace ids of this isolate's requests an admin asked to cancel. */
  cancel: { trace_id: string; reason: string }[];
  /** The object does not know this isolate (it restarted): send the whole set next time. */
  resync: boolean;
}

export interface ListedEntry extends InFlightEntry {
  isolate: string;
  cancel_requested: boolean;
}

/** The registry's RPC surface, as the `IN_FLIGHT` binding is typed (the class implements it). */
export interface InFlightRpc extends Rpc.DurableObjectBranded {
  sync(input: SyncInput): SyncResult;
  list(): ListedEntry[];
  cancel(traceId: string, reason: string): boolean;
}

export function parseSync(input: unknown): SyncInput {
  const parsed = syncSchema.safeParse(input);
  if (!parsed.success)
    throw new Error(`in-flight sync: ${parsed.error.issues[0]?.message ?? 'invalid input'}`);
  return parsed.data;
}
