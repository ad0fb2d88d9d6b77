// Owns the gateway's one error type, the code → status table, and the renderers for each API surface.

/** Every error code the gateway itself emits, with its HTTP status and the protocol type names. */
const CODES = {
  invalid_request: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  invalid_json: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  missing_model: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  validation_error: { status: 400, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  invalid_api_key: { status: 401, openai: 'authentication_error', anthropic: 'authentication_error' },
  api_key_disabled: { status: 401, openai: 'authentication_error', anthropic: 'authentication_error' },
  api_key_expired: { status: 401, openai: 'authentication_error', anthropic: 'authentication_error' },
  not_authenticated: { status: 401, openai: 'authentication_error', anthropic: 'authentication_error' },
  admin_auth_not_configured: {
    status: 401,
    openai: 'authentication_error',
    anthropic: 'authentication_error',
  },
  forbidden: { status: 403, openai: 'permission_error', anthropic: 'permission_error' },
  model_not_allowed: { status: 403, openai: 'permission_error', anthropic: 'permission_error' },
  not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  model_not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  provider_not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  model_provider_not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  api_key_not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  log_not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  response_not_found: { status: 404, openai: 'invalid_request_error', anthropic: 'not_found_error' },
  previous_response_not_found: {
    status: 400,
    openai: 'invalid_request_error',
    anthropic: 'invalid_request_error',
  },
  method_not_allowed: { status: 405, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  duplicate_name: { status: 409, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  duplicate_model: { status: 409, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  provider_in_use: { status: 409, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  payload_too_large: { status: 413, openai: 'invalid_request_error', anthropic: 'request_too_large' },
  unsupported_media_type: {
    status: 415,
    openai: 'invalid_request_error',
    anthropic: 'invalid_request_error',
  },
  unprocessable: { status: 422, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  retry_not_a_request: { status: 422, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  retry_api_key_missing: { status: 422, openai: 'invalid_request_error', anthropic: 'invalid_request_error' },
  retry_log_detail_expired: {
    status: 422,
    openai: 'invalid_request_error',
    anthropic: 'invalid_request_error',
  },
  retry_log_detail_not_recorded: {
    status: 422,
    openai: 'invalid_request_error',
    anthropic: 'invalid_request_error',
  },
  retry_multipart_unsupported: {
    status: 422,
    openai: 'invalid_request_error',
    anthropic: 'invalid_request_error',
  },
  rate_limit_exceeded: { status: 429, openai: 'rate_limit_error', anthropic: 'rate_limit_error' },
  budget_exceeded: { status: 429, openai: 'insufficient_quota', anthropic: 'rate_limit_error' },
  internal_error: { status: 500, openai: 'server_error', anthropic: 'api_error' },
  upstream_error: { status: 502, openai: 'server_error', anthropic: 'api_error' },
  upstream_unreachable: { status: 502, openai: 'server_error', anthropic: 'api_error' },
  model_disabled: { status: 503, openai: 'server_error', anthropic: 'api_error' },
  service_unavailable: { status: 503, openai: 'server_error', anthropic: 'api_error' },
  limiter_unavailable: { status: 503, openai: 'server_error', anthropic: 'overloaded_error' },
  no_available_provider: { status: 503, openai: 'server_error', anthropic: 'api_error' },
  upstream_timeout: { status: 504, openai: 'server_error', anthropic: 'api_error' },
} as const;

export type ErrorCode = keyof typeof CODES;
export type ErrorSurface = 'openai' | 'anthropic' | 'gemini' | 'admin';

interface GatewayErrorOptions {
  status?: number;
  param?: string;
  details?: unknown;
  headers?: Record<string, string>;
  cause?: unknown;
}

/** The one error type thrown anywhere in the gateway; rendered once per surface. */
export class GatewayError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly param?: string;
  readonly details?: unknown;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatewayError';
    this.code = code;
    this.status = options.status ?? CODES[code].status;
    this.param = options.param;
    this.details = options.details;
    this.headers = options.headers;
  }
}

/** OpenAI's error type name for a status, used when translating upstream errors. */
export function openaiTypeForStatus(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** Anthropic's error type name for a status, used when translating upstream errors. */
export function anthropicTypeForStatus(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529 || status === 503) return 'overloaded_error';
  if (status >= 500) return 'api_error';
  return 'invalid_request_error';
}

const GOOGLE_STATUS: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'UNIMPLEMENTED',
  502: 'UNAVAILABLE',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
  529: 'UNAVAILABLE',
};

/** Google's canonical status name for an HTTP status (Gemini's error envelope names both). */
export function googleStatusName(status: number): string {
  const known = GOOGLE_STATUS[status];
  if (known) return known;
  if (status >= 500) return 'INTERNAL';
  return status >= 400 ? 'INVALID_ARGUMENT' : 'UNKNOWN';
}

/** The JSON body of an error in a surface's envelope. */
export function errorBody(err: GatewayError, surface: ErrorSurface): Record<string, unknown> {
  const spec = CODES[err.code];
  if (surface === 'anthropic') {
    return { type: 'error', error: { type: spec.anthropic, message: err.message } };
  }
  if (surface === 'gemini') {
    return { error: { code: err.status, message: err.message, status: googleStatusName(err.status) } };
  }
  if (surface === 'admin') {
    const error: Record<string, unknown> = { code: err.code, message: err.message };
    if (err.details !== undefined) error.details = err.details;
    // A single-field error says which field, in the same shape as schema validation details.
    else if (err.param !== undefined) error.details = [{ field: err.param, message: err.message }];
    return { error };
  }
  return { error: { message: err.message, type: spec.openai, param: err.param ?? null, code: err.code } };
}

/** Renders an error as a JSON response in the surface's envelope. */
export function renderError(err: GatewayError, surface: ErrorSurface, traceId?: string): Response {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (traceId) headers.set('x-gateway-trace-id', traceId);
  for (const [k, v] of Object.entries(err.headers ?? {})) headers.set(k, v);
  return new Response(JSON.stringify(errorBody(err, surface)), { status: err.status, headers });
}

/** Maps anything thrown to a GatewayError; unknown errors become internal_error without leaking details. */
export function toGatewayError(err: unknown): GatewayError {
  if (err instanceof GatewayError) return err;
  return new GatewayError('internal_error', 'The gateway hit an unexpected error.', { cause: err });
}

/** Which envelope a request path answers errors in. */
export function surfaceForPath(path: string): ErrorSurface {
  if (path.startsWith('/api/') || path === '/mcp' || path === '/metrics') return 'admin';
  if (path.startsWith('/v1beta/')) return 'gemini';
  if (path === '/v1/messages' || path.startsWith('/v1/messages/')) return 'anthropic';
  return 'openai';
}
