/// <reference types="vite/client" />
// Tests every Gemini golden fixture pair: Chat ⇄ Gemini requests, responses and SSE streams.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseSse } from '../../../../worker/lib/sse';
import { chatRequestToGemini } from '../../../../worker/protocols/gemini/chat-to-gemini-request';
import { chatResponseToGemini } from '../../../../worker/protocols/gemini/chat-to-gemini-response';
import { createChatToGeminiStream } from '../../../../worker/protocols/gemini/chat-to-gemini-stream';
import { geminiRequestToChat } from '../../../../worker/protocols/gemini/gemini-to-chat-request';
import { geminiResponseToChat } from '../../../../worker/protocols/gemini/gemini-to-chat-response';
import { createGeminiToChatStream } from '../../../../worker/protocols/gemini/gemini-to-chat-stream';
import type { JsonObject, StreamConverter } from '../../../../worker/protocols/types';

const FILES = import.meta.glob('../../../fixtures/gemini/**/*.{json,sse}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;
const PREFIX = '../../../fixtures/gemini/';

function pairs(direction: string, ext: 'json' | 'sse') {
  const dir = `${PREFIX}${direction}/`;
  return Object.keys(FILES)
    .filter((k) => k.startsWith(dir) && k.endsWith(`.in.${ext}`))
    .sort()
    .map((k) => {
      const name = k.slice(dir.length, -`.in.${ext}`.length);
      return [name, FILES[k] as string, FILES[`${dir}${name}.out.${ext}`] as string] as const;
    });
}

// The golden outputs were written with this clock and these ids.
beforeEach(() => {
  vi.spyOn(Date, 'now').mockReturnValue(1_764_201_600_000);
  let n = 0;
  vi.spyOn(crypto, 'randomUUID').mockImplementation(
    () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}` as ReturnType<typeof crypto.randomUUID>,
  );
});
afterEach(() => {
  vi.restoreAllMocks();
});

const JSON_DIRECTIONS: Array<[string, (body: JsonObject) => JsonObject]> = [
  [
    'request-chat-to-gemini',
    (b) =>
      chatRequestToGemini(b, {
        targetModel: 'gemini-2.5-flash',
        recalled: new Map([['call_def', 'recalled-sig']]),
      }),
  ],
  ['request-gemini-to-chat', (b) => geminiRequestToChat(b, 'my-model', true)],
  ['response-gemini-to-chat', geminiResponseToChat],
  ['response-chat-to-gemini', chatResponseToGemini],
];

describe.each(JSON_DIRECTIONS)('golden fixtures: %s', (direction, convert) => {
  const found = pairs(direction, 'json');
  it('has fixtures', () => expect(found.length).toBeGreaterThan(0));
  it.each(found)('converts %s', (_name, input, expected) => {
    expect(convert(JSON.parse(input) as JsonObject)).toEqual(JSON.parse(expected));
  });
});

const STREAMS: Array<[string, (name: string) => StreamConverter]> = [
  [
    'stream-gemini-to-chat',
    (name) => createGeminiToChatStream({ includeUsage: name.includes('.include-usage') }),
  ],
  ['stream-chat-to-gemini', () => createChatToGeminiStream()],
];

const parsed = (events: { event?: string; data: string }[]) =>
  events.map((e) => (e.data === '[DONE]' ? '[DONE]' : JSON.parse(e.data)));

describe.each(STREAMS)('golden fixtures: %s', (direction, make) => {
  const found = pairs(direction, 'sse');
  it('has fixtures', () => expect(found.length).toBeGreaterThan(0));
  it.each(found)('converts %s', (name, input, expected) => {
    const converter = make(name);
    const events = [...parseSse(input).flatMap((e) => converter.push(e)), ...converter.end()];
    expect(parsed(events)).toEqual(parsed(parseSse(expected)));
  });
});
