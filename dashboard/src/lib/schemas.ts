// Re-exports the admin API's input schemas and types from the Worker (pure zod, no runtime imports).

export type { ApiKeyCreate, LinkCreate, ModelCreate, ProviderCreate } from '../../../worker/admin/schemas';
export {
  apiKeyCreateSchema,
  linkCreateSchema,
  matchSchema,
  modelCreateSchema,
  providerCreateSchema,
  ruleSchema,
  ruleSetSchema,
  tierSchema,
} from '../../../worker/admin/schemas';
export type { SseEvent } from '../../../worker/lib/sse';
export { parseSse, SseParser } from '../../../worker/lib/sse';
