// Owns calling Cloudflare Workers AI through the `AI` binding as though it were an OpenAI-protocol provider.
import { SseParser, serializeSse } from '../lib/sse';
import type { StreamConverter } from '../protocols/types';
import { chatRequestToWorkersAi } from '../protocols/workers-ai/chat-to-workers-ai-request';
import { workersAiResultToChat } from '../protocols/workers-ai/workers-ai-to-chat-response';
import { createWorkersAiToChatStream } from '../protocols/workers-ai/workers-ai-to-chat-stream';

/** The part of the `AI` binding the gateway uses. */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>, options?: { signal?: AbortSignal }): Promise<unknown>;
}

export const MISSING_AI_BINDING =
  'Workers AI needs the AI binding: add `[ai]` with `binding = "AI"` to wrangler.toml and deploy (plain local `wrangler dev` has no Workers AI; it reaches it only with `--remote`).';

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

function convertSse(converter: StreamConverter): TransformStream<Uint8Array, Uint8Array> {
  const parser = new SseParser();
  const encoder = new TextEncoder();
  const write = (
    controller: TransformStreamDefaultController<Uint8Array>,
    events: ReturnType<StreamConverter['push']>,
  ) => {
    if (events.length > 0) controller.enqueue(encoder.encode(events.map(serializeSse).join('')));
  };
  return new TransformStream({
    transform(chunk, controller) {
      write(
        controller,
        parser.push(chunk).flatMap((e) => converter.push(e)),
      );
    },
    flush(controller) {
      write(controller, [...parser.end().flatMap((e) => converter.push(e)), ...converter.end()]);
    },
  });
}

/**
 * Runs one Chat request (the body the bridge prepared) on Workers AI and answers as an OpenAI provider
 * would: a chat completion, or a Chat chunk stream. Without the binding the answer is a 424 saying how
 * to add it (not retried: no other try of this provider can succeed).
 */
export async function workersAiFetch(
  ai: AiBinding | undefined,
  body: string,
  model: string,
  signal: AbortSignal,
): Promise<Response> {
  if (!ai)
    return jsonResponse(424, {
      error: { message: MISSING_AI_BINDING, type: 'server_error', code: 'workers_ai_binding_missing' },
    });
  const request = JSON.parse(body) as Record<string, unknown>;
  if (!Array.isArray(request.messages)) {
    return jsonResponse(400, {
      error: { message: 'Workers AI providers serve chat requests only', type: 'invalid_request_error' },
    });
  }
  const input = chatRequestToWorkersAi(request);
  let result: unknown;
  try {
    result = await ai.run(model, input, { signal });
  } catch (err) {
    if (signal.aborted) throw err;
    const message = err instanceof Error ? err.message : String(err);
    // Workers AI errors read "<code>: <text>"; unknown models and bad input are the client's to fix.
    const status = /^(5007|5006|5004|3006|3010)\b/.test(message) ? 400 : 502;
    return jsonResponse(status, {
      error: {
        message: `Workers AI: ${message}`,
        type: status === 400 ? 'invalid_request_error' : 'server_error',
      },
    });
  }
  if (result instanceof ReadableStream) {
    const stream = (result as ReadableStream<Uint8Array>).pipeThrough(
      convertSse(createWorkersAiToChatStream(model)),
    );
    return new Response(stream, {
      status: 200,
      headers: { 'content-type': 'text/event-stream; charset=utf-8' },
    });
  }
  return jsonResponse(200, workersAiResultToChat(result, model));
}
