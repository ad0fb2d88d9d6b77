// Owns the Responses `response` object envelope: status, output, usage, and the request settings it echoes back.
import type { JsonObject } from '../types';

/** What a converter knows about one response; the rest comes from the client's request. */
export interface ResponseFacts {
  id: string;
  createdAt: number;
  model: string;
  status: string;
  output: JsonObject[];
  usage?: JsonObject;
  incompleteReason?: string;
  error?: JsonObject;
  serviceTier?: unknown;
  /** The gateway keeps this response (`store` not false); the client may retrieve or continue it. */
  stored?: boolean;
  previousResponseId?: string;
}

/**
 * The real API echoes the request's settings on every response object; when the converter is
 * given the client's Responses request it does the same, otherwise it reports the API defaults.
 * `store` says whether the gateway keeps the response (the proxy decides; converters alone keep nothing).
 */
export function buildResponse(facts: ResponseFacts, request: JsonObject = {}): JsonObject {
  const out: JsonObject = {
    id: facts.id,
    object: 'response',
    created_at: facts.createdAt,
    status: facts.status,
    background: false,
    error: facts.error ?? null,
    incomplete_details: facts.incompleteReason === undefined ? null : { reason: facts.incompleteReason },
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: facts.model,
    output: facts.output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: facts.previousResponseId ?? null,
    reasoning: request.reasoning ?? { effort: null, summary: null },
    store: facts.stored === true,
    temperature: request.temperature ?? null,
    text: request.text ?? { format: { type: 'text' } },
    tool_choice: request.tool_choice ?? 'auto',
    tools: request.tools ?? [],
    top_p: request.top_p ?? null,
    truncation: request.truncation ?? 'disabled',
    metadata: request.metadata ?? {},
  };
  for (const key of ['user', 'safety_identifier', 'prompt_cache_key'] as const) {
    if (request[key] != null) out[key] = request[key];
  }
  if (facts.serviceTier != null) out.service_tier = facts.serviceTier;
  if (facts.usage !== undefined) out.usage = facts.usage;
  return out;
}
