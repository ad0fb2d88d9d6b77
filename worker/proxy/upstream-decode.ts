// Owns reading a provider's response bytes into the form the rest of the proxy speaks (Bedrock's event stream → SSE).
import { eventStreamToSse } from '../protocols/bedrock/event-stream';
import type { ProviderConfig } from '../routing/types';

/** The response as SSE when Bedrock streamed it in AWS event-stream frames; otherwise unchanged. */
export function decodeUpstream(provider: ProviderConfig, response: Response): Response {
  const type = response.headers.get('content-type') ?? '';
  if (!provider.protocol.startsWith('bedrock_') || !type.includes('amazon.eventstream') || !response.body) {
    return response;
  }
  const headers = new Headers(response.headers);
  headers.set('content-type', 'text/event-stream; charset=utf-8');
  headers.delete('content-length');
  return new Response(response.body.pipeThrough(eventStreamToSse()), { status: response.status, headers });
}
