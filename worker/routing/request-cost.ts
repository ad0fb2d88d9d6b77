// Owns what routing assumes a request will cost on a link: expected output and the estimate cost-first sorts by.
import { estimateRequestCost } from '../usage/cost';
import { resolvePrice } from '../usage/pricing';
import type { Candidate, ModelConfig } from './types';

/** Output tokens assumed when neither the model nor the request says. */
export const DEFAULT_EXPECTED_OUTPUT = 512;

/** The model's setting, else the request's max tokens (capped: a max is an upper bound), else the default. */
export function expectedOutputTokens(model: ModelConfig, body: Record<string, unknown>): number {
  if (model.expectedOutputTokens !== null) return model.expectedOutputTokens;
  const max = body.max_tokens ?? body.max_completion_tokens ?? body.max_output_tokens;
  return typeof max === 'number' && max > 0
    ? Math.min(max, 4 * DEFAULT_EXPECTED_OUTPUT)
    : DEFAULT_EXPECTED_OUTPUT;
}

export interface CostInputs {
  inputTokens: number;
  expectedOutputTokens: number;
  imageCount?: number;
}

/** The estimated cost of this request on a candidate link (input, expected output, cache prices). */
export function candidateCost(candidate: Candidate, model: ModelConfig, inputs: CostInputs): number {
  return estimateRequestCost(resolvePrice(candidate.link, model), inputs);
}
