// Owns the stored Responses object: one per response, versioned, checked with zod when read back.
import { z } from 'zod';

const item = z.record(z.string(), z.unknown());

export const storedResponseSchema = z.object({
  v: z.literal(1),
  id: z.string().min(1),
  /** The gateway key that created it (`dashboard` for the admin plane's own requests). */
  scope: z.string().min(1),
  /** Epoch ms. */
  createdAt: z.number(),
  expiresAt: z.number(),
  /** The link and provider that answered: a follow-up prefers them (affinity). */
  linkId: z.number().int(),
  providerId: z.number().int(),
  requestedModel: z.string(),
  previousResponseId: z.string().nullable(),
  /** The conversation before this request's input (earlier turns' input and output). */
  context: z.array(item),
  /** This request's own input, as items (a string input is one user message). */
  inputItems: z.array(item),
  /** The response object as the client received it. */
  response: item,
});

export type StoredResponse = z.infer<typeof storedResponseSchema>;

/** A pointer from an item id the upstream minted to the stored response that holds it. */
export const itemPointerSchema = z.object({ v: z.literal(1), responseId: z.string().min(1) });
