// Owns what admission assumes of a request before it runs: its input tokens and its worst-case cost.
import type { WireProtocol } from '../protocols/catalogue';
import type { ModelConfig } from '../routing/types';
import { estimateRequestCost } from '../usage/cost';
import { estimateInputTokens } from '../usage/estimate';
import { resolvePrice } from '../usage/pricing';

/** Output tokens a budget reserves when the request sets no maximum (Anthropic's default here too). */
export const DEFAULT_WORST_OUTPUT_TOKENS = 4096;

export interface RequestEstimate {
  /** Input tokens by the cheap character estimate (the log consumer counts exactly later). */
  inputTokens: number;
  /** Input estimate + the request's max output tokens at the dearest link's prices. */
  worstUsd: number;
}

function maxOutputTokens(body: Record<string, unknown>): number {
  for (const field of ['max_tokens', 'max_completion_tokens', 'max_output_tokens']) {
    const v = body[field];
    if (typeof v === 'number' && Number.isFinite(v) && v > 0) return Math.floor(v);
  }
  return DEFAULT_WORST_OUTPUT_TOKENS;
}

/** The estimate of one request on `model` (null when the model is unknown: it will be refused anyway). */
export function estimateRequest(
  model: ModelConfig | undefined,
  protocol: WireProtocol,
  body: Record<string, unknown> | null,
  images: boolean,
): RequestEstimate {
  const inputTokens = body ? estimateInputTokens(protocol, body) : 0;
  if (!model) return { inputTokens, worstUsd: 0 };
  const expectedOutputTokens = body ? maxOutputTokens(body) : DEFAULT_WORST_OUTPUT_TOKENS;
  const imageCount = images ? Number(body?.n ?? 1) || 1 : undefined;
  const inputs = { inputTokens, expectedOutputTokens, imageCount };
  const links = model.links.filter((l) => l.isActive);
  let worstUsd = links.length === 0 ? estimateRequestCost(resolvePrice(null, model), inputs) : 0;
  for (const link of links) {
    worstUsd = Math.max(worstUsd, estimateRequestCost(resolvePrice(link, model), inputs));
  }
  return { inputTokens, worstUsd };
}
