// Owns the events that close a stream that failed after the commit point, in each client protocol.
import type { SseEvent } from '../lib/sse';
import type { WireProtocol } from '../protocols/catalogue';

/** A well-formed terminal error in the client's own streaming protocol. */
export function streamErrorEvents(protocol: WireProtocol, message: string): SseEvent[] {
  if (protocol === 'anthropic') {
    return [
      { event: 'error', data: JSON.stringify({ type: 'error', error: { type: 'api_error', message } }) },
    ];
  }
  if (protocol === 'gemini') {
    return [{ data: JSON.stringify({ error: { code: 500, message, status: 'INTERNAL' } }) }];
  }
  if (protocol === 'openai_responses') {
    return [
      {
        event: 'error',
        data: JSON.stringify({
          type: 'error',
          code: 'upstream_stream_error',
          message,
          param: null,
          sequence_number: 0,
        }),
      },
    ];
  }
  return [
    {
      data: JSON.stringify({
        error: { message, type: 'server_error', param: null, code: 'upstream_stream_error' },
      }),
    },
    { data: '[DONE]' },
  ];
}
