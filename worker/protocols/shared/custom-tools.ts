// Owns freeform ("custom") tools on protocols without them: a function of one string `input`, and the calls turned back.

import type { JsonObject, SseEvent, StreamConverter } from '../types';
import { isObject } from './json';
import { JsonStringField } from './json-string-stream';

/** The one argument a freeform tool takes where only JSON-schema functions exist. */
export const CUSTOM_INPUT = 'input';

/**
 * A freeform tool as a Chat function of one string, so any Chat or Anthropic model can call it; its
 * grammar goes into the description, since only OpenAI can constrain decoding to it.
 */
export function customToolAsFunction(
  name: string,
  description: unknown,
  grammar: { syntax?: unknown; definition?: unknown } | undefined,
): JsonObject {
  const parts = [typeof description === 'string' ? description : ''];
  parts.push(`Pass the whole raw input as the string argument "${CUSTOM_INPUT}".`);
  if (grammar && typeof grammar.definition === 'string') {
    parts.push(`The input must match this ${String(grammar.syntax ?? '')} grammar:\n${grammar.definition}`);
  }
  return {
    type: 'function',
    function: {
      name,
      description: parts.filter((p) => p !== '').join('\n\n'),
      parameters: {
        type: 'object',
        properties: { [CUSTOM_INPUT]: { type: 'string', description: 'The raw input of the tool.' } },
        required: [CUSTOM_INPUT],
        additionalProperties: false,
      },
    },
  };
}

/** The whole input of a freeform call from its function arguments (`{"input": "…"}`); the raw text if they are not that. */
export function customInputFromArguments(args: string): string {
  try {
    const parsed: unknown = JSON.parse(args);
    if (isObject(parsed) && typeof parsed.input === 'string') return parsed.input;
  } catch {
    // A model that ignored the schema wrote the input itself.
  }
  return args;
}

/** The names of a Chat request's freeform (`custom`) tools. */
export function chatCustomToolNames(request: JsonObject): Set<string> {
  const names = new Set<string>();
  if (!Array.isArray(request.tools)) return names;
  for (const tool of request.tools) {
    if (
      isObject(tool) &&
      tool.type === 'custom' &&
      isObject(tool.custom) &&
      typeof tool.custom.name === 'string'
    )
      names.add(tool.custom.name);
  }
  return names;
}

/** Chat tool calls of a completion body to the client's freeform tools become `custom` calls again. */
export function restoreCustomCalls(body: JsonObject, names: ReadonlySet<string>): JsonObject {
  if (names.size === 0 || !Array.isArray(body.choices)) return body;
  for (const choice of body.choices) {
    const message = isObject(choice) && isObject(choice.message) ? choice.message : undefined;
    if (!message || !Array.isArray(message.tool_calls)) continue;
    message.tool_calls = message.tool_calls.map((call) => {
      const fn = isObject(call) && isObject(call.function) ? call.function : undefined;
      if (!fn || typeof fn.name !== 'string' || !names.has(fn.name)) return call;
      const input = customInputFromArguments(typeof fn.arguments === 'string' ? fn.arguments : '');
      return { id: (call as JsonObject).id, type: 'custom', custom: { name: fn.name, input } };
    });
  }
  return body;
}

/**
 * The same for a Chat chunk stream: a call to a freeform tool opens as a `custom` call and its
 * argument fragments stream as the decoded input text.
 */
export function restoreCustomCallStream(names: ReadonlySet<string>): StreamConverter {
  const decoders = new Map<number, JsonStringField>();
  const rewrite = (call: JsonObject, position: number): JsonObject => {
    const index = typeof call.index === 'number' ? call.index : position;
    const fn = isObject(call.function) ? call.function : {};
    if (typeof fn.name === 'string' && names.has(fn.name))
      decoders.set(index, new JsonStringField(CUSTOM_INPUT));
    const decoder = decoders.get(index);
    if (!decoder) return call;
    const input = decoder.push(typeof fn.arguments === 'string' ? fn.arguments : '');
    const custom: JsonObject = { input };
    if (typeof fn.name === 'string') custom.name = fn.name;
    const out: JsonObject = { index, custom };
    if (call.id !== undefined) out.id = call.id;
    if (call.type !== undefined) out.type = 'custom';
    return out;
  };
  return {
    push(event: SseEvent): SseEvent[] {
      if (event.data.trim() === '[DONE]' || !event.data.includes('tool_calls')) return [event];
      const chunk = JSON.parse(event.data) as JsonObject;
      const choice = Array.isArray(chunk.choices) ? chunk.choices[0] : undefined;
      const delta = isObject(choice) && isObject(choice.delta) ? choice.delta : undefined;
      if (!delta || !Array.isArray(delta.tool_calls)) return [event];
      delta.tool_calls = delta.tool_calls.map((c, i) => (isObject(c) ? rewrite(c, i) : c));
      return [{ ...event, data: JSON.stringify(chunk) }];
    },
    end: () => [],
  };
}
