// Owns the OpenTelemetry GenAI semantic conventions the export follows: the pinned version and its names.
import {
  ATTR_ERROR_TYPE,
  ATTR_HTTP_RESPONSE_STATUS_CODE,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVICE_NAME,
  ATTR_SERVICE_VERSION,
} from '@opentelemetry/semantic-conventions';
import {
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_PROVIDER_NAME,
  ATTR_GEN_AI_REQUEST_MODEL,
  ATTR_GEN_AI_REQUEST_STREAM,
  ATTR_GEN_AI_RESPONSE_MODEL,
  ATTR_GEN_AI_TOKEN_TYPE,
  ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  METRIC_GEN_AI_SERVER_TIME_TO_FIRST_TOKEN,
} from '@opentelemetry/semantic-conventions/incubating';

/**
 * The semantic conventions version the names come from: `@opentelemetry/semantic-conventions` is
 * pinned to exactly this version in package.json (the GenAI conventions are still in development).
 */
export const SEMCONV_VERSION = '1.45.0';
export const SCHEMA_URL = `https://opentelemetry.io/schemas/${SEMCONV_VERSION}`;

export const ATTR = {
  operation: ATTR_GEN_AI_OPERATION_NAME,
  provider: ATTR_GEN_AI_PROVIDER_NAME,
  requestModel: ATTR_GEN_AI_REQUEST_MODEL,
  responseModel: ATTR_GEN_AI_RESPONSE_MODEL,
  stream: ATTR_GEN_AI_REQUEST_STREAM,
  tokenType: ATTR_GEN_AI_TOKEN_TYPE,
  inputTokens: ATTR_GEN_AI_USAGE_INPUT_TOKENS,
  outputTokens: ATTR_GEN_AI_USAGE_OUTPUT_TOKENS,
  cacheReadTokens: ATTR_GEN_AI_USAGE_CACHE_READ_INPUT_TOKENS,
  cacheWriteTokens: ATTR_GEN_AI_USAGE_CACHE_CREATION_INPUT_TOKENS,
  reasoningTokens: ATTR_GEN_AI_USAGE_REASONING_OUTPUT_TOKENS,
  errorType: ATTR_ERROR_TYPE,
  httpStatus: ATTR_HTTP_RESPONSE_STATUS_CODE,
  serverAddress: ATTR_SERVER_ADDRESS,
  serviceName: ATTR_SERVICE_NAME,
  serviceVersion: ATTR_SERVICE_VERSION,
} as const;

export const METRIC = {
  tokenUsage: METRIC_GEN_AI_CLIENT_TOKEN_USAGE,
  duration: METRIC_GEN_AI_CLIENT_OPERATION_DURATION,
  timeToFirstToken: METRIC_GEN_AI_SERVER_TIME_TO_FIRST_TOKEN,
} as const;

/** The bucket boundaries the conventions recommend for each histogram. */
export const BUCKETS = {
  tokens: [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864],
  seconds: [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92],
  firstToken: [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0],
} as const;

/** `gen_ai.operation.name` for a gateway endpoint path. */
export function operationName(path: string | null | undefined): string {
  if (!path) return 'chat';
  if (path.endsWith('/embeddings') || path.includes(':embedContent')) return 'embeddings';
  if (path === '/v1/completions') return 'text_completion';
  if (path.startsWith('/v1/images') || path.startsWith('/v1/audio')) return 'generate_content';
  if (path.includes(':generateContent') || path.includes(':streamGenerateContent')) return 'generate_content';
  return 'chat';
}

/** `gen_ai.provider.name` (a well-known value) for a provider's wire protocol. */
export function providerName(protocol: string | null | undefined): string {
  if (!protocol) return 'unknown';
  if (protocol.startsWith('openai')) return 'openai';
  if (protocol === 'anthropic') return 'anthropic';
  if (protocol === 'gemini') return 'gcp.gemini';
  if (protocol === 'bedrock') return 'aws.bedrock';
  if (protocol === 'azure_openai' || protocol === 'azure') return 'azure.ai.openai';
  if (protocol === 'vertex') return 'gcp.vertex_ai';
  return protocol;
}
