// Owns turning a queue message into an index row: final usage (estimating only what is missing) and cost.
import type { RequestLogInsert } from '../db/schema';
import { traceOfRecord } from '../lib/record-id';
import { computeCost } from '../usage/cost';
import type { ResolvedPrice } from '../usage/pricing';
import { finalizeUsage } from '../usage/tokenize';
import type { Usage, UsageSource } from '../usage/types';
import { withCacheColumns } from './cache-columns';
import type { DetailLocation } from './detail-store';
import type { LogMessage } from './record';

async function usageOf(msg: LogMessage): Promise<{ usage: Usage; source: UsageSource } | null> {
  if (!msg.upstream_usage && !msg.estimate_input && !msg.estimate_output) return null;
  const result = await finalizeUsage({
    upstream: msg.upstream_usage,
    preflightInputText: msg.estimate_input?.text ?? '',
    inputFixedTokens: msg.estimate_input?.fixed_tokens ?? 0,
    outputText: msg.estimate_output?.text ?? '',
    outputDroppedChars: msg.estimate_output?.dropped_chars ?? 0,
  });
  // Inputs longer than the message could carry were sampled: scale the estimate back up.
  const scale = msg.estimate_input?.scale ?? 1;
  if (scale > 1 && result.source !== 'upstream' && !msg.upstream_usage?.inputTokens) {
    result.usage.inputTokens = Math.round(result.usage.inputTokens * scale);
    result.usage.totalTokens = result.usage.inputTokens + result.usage.outputTokens;
  }
  return result;
}

/** The D1 row for a message; costs only for requests that succeeded. */
export async function toIndexRow(
  msg: LogMessage,
  location: DetailLocation | null,
): Promise<RequestLogInsert> {
  const final = await usageOf(msg);
  const billable = msg.kind === 'request' && msg.status < 400 && msg.price !== null;
  const cost =
    billable && final
      ? computeCost(msg.price as ResolvedPrice, final.usage, {
          imageCount: msg.image_count ?? undefined,
          isImagePath: msg.is_image_path,
        })
      : billable &&
          msg.price &&
          (msg.price.billingMode === 'per_request' || msg.price.billingMode === 'per_image')
        ? computeCost(
            msg.price as ResolvedPrice,
            { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 },
            {
              imageCount: msg.image_count ?? undefined,
              isImagePath: msg.is_image_path,
            },
          )
        : null;
  const u = final?.usage;
  return withCacheColumns(msg, {
    id: msg.id,
    // Ids carry the trace (`<trace>` / `<trace>.<n>`); only a record of an older producer needs the column.
    traceId: traceOfRecord(msg.id) === msg.trace_id ? null : msg.trace_id,
    kind: msg.kind,
    attemptIndex: msg.attempt_index,
    requestTime: msg.request_time,
    apiKeyId: msg.api_key_id,
    apiKeyName: msg.api_key_name,
    userId: msg.user_id,
    requestedModel: msg.requested_model,
    targetModel: msg.target_model,
    providerId: msg.provider_id,
    providerName: msg.provider_name,
    linkId: msg.link_id,
    retryCount: msg.retry_count,
    matchedProviderCount: msg.matched_provider_count,
    firstByteDelayMs: msg.first_byte_delay_ms,
    totalTimeMs: msg.total_time_ms,
    inputTokens: u?.inputTokens ?? null,
    outputTokens: msg.kind === 'attempt' ? null : (u?.outputTokens ?? null),
    cacheReadTokens: u?.cacheReadTokens ?? null,
    cacheWriteTokens: u?.cacheWriteTokens ?? null,
    reasoningTokens: u?.reasoningTokens ?? null,
    totalTokens: u?.totalTokens ?? null,
    usageSource: final?.source ?? null,
    inputCost: cost?.inputCost ?? null,
    outputCost: cost?.outputCost ?? null,
    cachedInputCost: cost?.cachedInputCost ?? null,
    totalCost: cost?.totalCost ?? null,
    priceSource: msg.price?.priceSource ?? null,
    responseStatus: msg.status,
    errorType: msg.error_type,
    errorMessage: msg.error_message,
    isStream: msg.is_stream,
    requestProtocol: msg.request_protocol,
    supplierProtocol: msg.supplier_protocol,
    requestPath: msg.request_path,
    balancerFallback: msg.balancer_fallback,
    replayOf: msg.replay_of,
    r2Key: location?.key ?? null,
    r2Offset: location?.offset ?? null,
    r2Length: location?.length ?? null,
  });
}
