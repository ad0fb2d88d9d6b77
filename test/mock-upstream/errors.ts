// Error replies shaped like each real API, and the one error type routes throw to produce them.
import { eventFrame, exceptionFrame } from './event-stream.ts';
import type { Protocol, WholeReply } from './types.ts';

/** Thrown anywhere while handling a request; the server renders it in the route's protocol. */
export class UpstreamError extends Error {
  readonly status: number;
  readonly type: string | undefined;

  constructor(status: number, message: string, type?: string) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

const OPENAI_TYPES: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: 'invalid_request_error', code: null, message: 'Invalid request.' },
  401: { type: 'invalid_request_error', code: 'invalid_api_key', message: 'Incorrect API key provided.' },
  403: { type: 'invalid_request_error', code: 'unsupported_country_region_territory', message: 'Forbidden.' },
  404: { type: 'invalid_request_error', code: 'model_not_found', message: 'The model does not exist.' },
  429: {
    type: 'requests',
    code: 'rate_limit_exceeded',
    message: 'Rate limit reached for requests. Please try again later.',
  },
  500: {
    type: 'server_error',
    code: null,
    message: 'The server had an error while processing your request.',
  },
  503: {
    type: 'server_error',
    code: null,
    message: 'The engine is currently overloaded, please try again later.',
  },
};

const ANTHROPIC_TYPES: Record<number, { type: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request.' },
  401: { type: 'authentication_error', message: 'invalid x-api-key' },
  402: { type: 'billing_error', message: 'Billing issue.' },
  403: {
    type: 'permission_error',
    message: 'Your API key does not have permission to use the specified resource.',
  },
  404: { type: 'not_found_error', message: 'The requested resource could not be found.' },
  413: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' },
  429: {
    type: 'rate_limit_error',
    message: 'Number of request tokens has exceeded your per-minute rate limit.',
  },
  500: { type: 'api_error', message: 'Internal server error' },
  504: { type: 'timeout_error', message: 'Request timed out' },
  529: { type: 'overloaded_error', message: 'Overloaded' },
};

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const GOOGLE_MESSAGES: Record<number, string> = {
  429: 'Resource has been exhausted (e.g. check quota).',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
};

/** The JSON text of an error body in the given protocol. */
export function errorBody(protocol: Protocol, status: number, message?: string, type?: string): string {
  if (protocol === 'bedrock') {
    const fallback =
      status === 429
        ? 'Too many requests, please wait before trying again.'
        : status >= 500
          ? 'The system encountered an unexpected error during processing. Try your request again.'
          : 'Malformed input request, please reformat your input and try again.';
    return JSON.stringify({ message: message ?? fallback });
  }
  if (protocol === 'gemini') {
    const name = GOOGLE_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT');
    return JSON.stringify({
      error: {
        code: status,
        message: message ?? GOOGLE_MESSAGES[status] ?? 'Request contains an invalid argument.',
        status: type ?? name,
      },
    });
  }
  if (protocol === 'anthropic') {
    const known = ANTHROPIC_TYPES[status] ?? (status >= 500 ? ANTHROPIC_TYPES[500]! : ANTHROPIC_TYPES[400]!);
    return JSON.stringify({
      type: 'error',
      error: { type: type ?? known.type, message: message ?? known.message },
    });
  }
  const known = OPENAI_TYPES[status] ?? (status >= 500 ? OPENAI_TYPES[500]! : OPENAI_TYPES[400]!);
  return JSON.stringify({
    error: { message: message ?? known.message, type: type ?? known.type, param: null, code: known.code },
  });
}

export interface ErrorOptions {
  message?: string;
  type?: string;
  retryAfter?: number;
  retryAfterMs?: number;
}

export function errorReply(protocol: Protocol, status: number, options: ErrorOptions = {}): WholeReply {
  const headers: Record<string, string> = {};
  if (options.retryAfter !== undefined) headers['retry-after'] = String(options.retryAfter);
  if (options.retryAfterMs !== undefined) headers['retry-after-ms'] = String(options.retryAfterMs);
  return {
    kind: 'json',
    status,
    body: errorBody(protocol, status, options.message, options.type),
    headers,
  };
}

/** The SSE frame a real API sends when a stream fails after it started. */
export function streamErrorFrame(protocol: Protocol, sequence: number): string | Buffer {
  if (protocol === 'bedrock')
    return exceptionFrame(
      'internalServerException',
      'The system encountered an unexpected error during processing.',
    );
  if (protocol === 'anthropic') {
    return `event: error\ndata: ${errorBody('anthropic', 529)}\n\n`;
  }
  if (protocol === 'gemini') return `data: ${errorBody('gemini', 500)}\r\n\r\n`;
  if (protocol === 'responses') {
    const data = JSON.stringify({
      type: 'error',
      code: 'server_error',
      message: 'The server had an error while processing your request.',
      param: null,
      sequence_number: sequence,
    });
    return `event: error\ndata: ${data}\n\n`;
  }
  return `data: ${errorBody('openai', 500)}\n\n`;
}

/** An SSE frame whose data is not JSON, in the framing each protocol uses. */
export function malformedFrame(protocol: Protocol): string | Buffer {
  // A well-framed event whose payload is not JSON (the framing itself is checked by every decoder).
  if (protocol === 'bedrock') {
    const headers = {
      ':event-type': 'contentBlockDelta',
      ':content-type': 'application/json',
      ':message-type': 'event',
    };
    return eventFrame(headers, '{"contentBlockIndex":0,"delta":{"text":"unterminated');
  }
  const broken = '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"unterminated';
  if (protocol === 'anthropic') return `event: content_block_delta\ndata: ${broken}\n\n`;
  if (protocol === 'responses') return `event: response.output_text.delta\ndata: ${broken}\n\n`;
  if (protocol === 'gemini')
    return 'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"unterminated\r\n\r\n';
  return `data: {"id":"chatcmpl-broken","choices":[{"index":0,"delta":{"content":"unterminated\n\n`;
}

/** A 200 body that stops mid-object. */
export const MALFORMED_JSON =
  '{"id":"mock-bad-json","object":"chat.completion","choices":[{"index":0,"message":{"role":';
