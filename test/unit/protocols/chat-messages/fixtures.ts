/// <reference types="vite/client" />
// Loads the chat-messages golden fixtures (input → expected output pairs) and shapes SSE for comparison.
import { afterEach, beforeEach, vi } from 'vitest';
import { parseSse } from '../../../../worker/lib/sse';
import type { JsonObject, SseEvent, StreamConverter } from '../../../../worker/protocols/types';

const FILES = import.meta.glob('../../../fixtures/chat-messages/**/*.{json,sse}', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const PREFIX = '../../../fixtures/chat-messages/';

/** The `created` time the golden outputs were written with (2025-11-27T00:00:00Z). */
export const FIXED_NOW_MS = 1_764_201_600_000;

/** Freezes Date.now for every test of the calling file, so `created` matches the golden files. */
export function freezeClockInEachTest(): void {
  beforeEach(() => {
    vi.spyOn(Date, 'now').mockReturnValue(FIXED_NOW_MS);
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
}

export function fixtureText(path: string): string {
  const text = FILES[PREFIX + path];
  if (text === undefined) throw new Error(`missing fixture ${path}`);
  return text;
}

export function fixtureJson(path: string): JsonObject {
  return JSON.parse(fixtureText(path)) as JsonObject;
}

export interface FixturePair {
  name: string;
  input: string;
  expected: string;
}

/** Every `<name>.in.<ext>` in a direction folder with its `<name>.out.<ext>`. */
export function fixturePairs(direction: string, ext: 'json' | 'sse'): FixturePair[] {
  const dir = `${PREFIX}${direction}/`;
  return Object.keys(FILES)
    .filter((key) => key.startsWith(dir) && key.endsWith(`.in.${ext}`))
    .sort()
    .map((key) => {
      const name = key.slice(dir.length, -`.in.${ext}`.length);
      return {
        name,
        input: fixtureText(`${direction}/${name}.in.${ext}`),
        expected: fixtureText(`${direction}/${name}.out.${ext}`),
      };
    });
}

/** Feeds a whole SSE text through a converter, closing it as the proxy does when the upstream ends. */
export function runStream(converter: StreamConverter, sseText: string): SseEvent[] {
  return [...parseSse(sseText).flatMap((event) => converter.push(event)), ...converter.end()];
}

export interface ParsedEvent {
  event?: string;
  data: unknown;
}

/** Events with their data parsed, so comparisons ignore JSON key order and spacing. */
export function parsedEvents(events: SseEvent[]): ParsedEvent[] {
  return events.map((e) => {
    const data = e.data === '[DONE]' ? '[DONE]' : (JSON.parse(e.data) as unknown);
    return e.event === undefined ? { data } : { event: e.event, data };
  });
}

/** The parsed data of each event, for assertions that look at payloads only. */
export function payloads(events: SseEvent[]): JsonObject[] {
  return events.filter((e) => e.data !== '[DONE]').map((e) => JSON.parse(e.data) as JsonObject);
}
