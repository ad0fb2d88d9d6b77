/// <reference types="vite/client" />
// Shared by the protocol conversion tests: run a stream converter over SSE text, and drive the official SDK.
import OpenAI from 'openai';
import { expect } from 'vitest';
import { parseSse, type SseEvent, serializeSse } from '../../../../worker/lib/sse';
import { ConversionError, type JsonObject, type StreamConverter } from '../../../../worker/protocols/types';

/** An event with its JSON payload parsed, so goldens compare meaning rather than bytes. */
export interface ParsedEvent {
  event?: string;
  data: unknown;
}

export function parsedEvents(events: SseEvent[]): ParsedEvent[] {
  return events.map((e) => {
    const data = e.data === '[DONE]' ? '[DONE]' : (JSON.parse(e.data) as unknown);
    return e.event === undefined ? { data } : { event: e.event, data };
  });
}

/** Feeds every event of an SSE text through a converter, then ends it. */
export function convertStream(converter: StreamConverter, sse: string): SseEvent[] {
  return [...parseSse(sse).flatMap((e) => converter.push(e)), ...converter.end()];
}

export function toSseText(events: SseEvent[]): string {
  return events.map(serializeSse).join('');
}

/** The JSON payloads of the events, `[DONE]` excluded. */
export function payloads(events: SseEvent[]): JsonObject[] {
  return events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as JsonObject);
}

/** An official OpenAI client whose every request is answered with the given body. */
export function clientAnswering(body: string, contentType: string): OpenAI {
  return new OpenAI({
    apiKey: 'sk-test',
    baseURL: 'http://gateway.test/v1',
    maxRetries: 0,
    fetch: async () => new Response(body, { headers: { 'content-type': contentType } }),
  });
}

const WEIRD: unknown[] = [
  null,
  0,
  -1,
  'x',
  '',
  true,
  [],
  {},
  [null],
  [7],
  ['x'],
  [{}],
  { type: 7 },
  [{ type: 'x' }],
];

/** Copies of the body with each top-level field (and each field of its first list item) made weird. */
export function mutations(body: JsonObject): JsonObject[] {
  const out: JsonObject[] = [];
  for (const key of Object.keys(body)) {
    for (const value of WEIRD) out.push({ ...body, [key]: value });
    const first = Array.isArray(body[key]) ? (body[key] as unknown[])[0] : undefined;
    if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
      for (const inner of Object.keys(first)) {
        for (const value of WEIRD) {
          out.push({ ...body, [key]: [{ ...first, [inner]: value }, ...(body[key] as unknown[]).slice(1)] });
        }
      }
    }
  }
  return out;
}

/** Runs `run`; anything it throws must be a ConversionError. */
export function onlyConversionErrors(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConversionError);
  }
}
