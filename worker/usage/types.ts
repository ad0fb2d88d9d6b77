// Owns the normalized usage shape every protocol's token counts are mapped into.

/** Where the token counts of a record came from. */
export type UsageSource = 'upstream' | 'estimated' | 'mixed';

/** Per-modality breakdowns some vendors report; absent when the upstream did not send them. */
export interface UsageDetails {
  inputTextTokens?: number;
  inputAudioTokens?: number;
  inputImageTokens?: number;
  outputTextTokens?: number;
  outputAudioTokens?: number;
  outputImageTokens?: number;
  acceptedPredictionTokens?: number;
  rejectedPredictionTokens?: number;
  /** Anthropic cache writes split by TTL. */
  cacheWrite5mTokens?: number;
  cacheWrite1hTokens?: number;
}

/**
 * Token usage of one request, the same meaning for every protocol.
 * `inputTokens` is the WHOLE prompt: regular + cache read + cache write (Anthropic reports these
 * separately; OpenAI and Responses already include them). `outputTokens` includes reasoning tokens.
 * `totalTokens` is always `inputTokens + outputTokens`.
 */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  totalTokens: number;
  details?: UsageDetails;
  /** The upstream usage object as received (last one for streams), kept for the log detail. */
  raw?: Record<string, unknown>;
}
