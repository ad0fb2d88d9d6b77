// Decides what the mock "model" answers, independent of protocol: text, reasoning and tool calls.
import { echoText, snippet, tokens } from './content.ts';
import type { Settings } from './types.ts';
import { asArray, asObject, type JsonObject } from './values.ts';

export interface ToolDef {
  name: string;
  schema: JsonObject | undefined;
  /** `custom`: a Responses freeform tool, called with one input string. */
  kind?: 'function' | 'custom';
  /** The Responses namespace the tool sits in. */
  namespace?: string;
}

export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** A chat request reduced to what the mock's answer depends on, whatever its protocol. */
export interface Conversation {
  model: string;
  /** Text of the last user message. */
  prompt: string;
  /** Set when the last turn carries tool results: the model answers in text, ending the tool loop. */
  toolResult: string | undefined;
  /** Characters of all input text, for usage. */
  inputChars: number;
  tools: ToolDef[];
  toolChoice: ToolChoice;
  parallelTools: boolean;
  reasoning: boolean;
}

export interface PlannedCall {
  index: number;
  name: string;
  /** JSON text of the arguments; for a custom tool, its raw input. */
  arguments: string;
  kind: 'function' | 'custom';
  namespace?: string;
}

export interface Plan {
  text: string;
  reasoning: string;
  calls: PlannedCall[];
  inputTokens: number;
  outputTokens: number;
  reasoningTokens: number;
}

// Prompts ask for parallel calls in words, so tests can drive it through any protocol.
const PARALLEL_ASK = /\bparallel\b/i;

function exampleValue(definition: unknown, text: string): unknown {
  const def = asObject(definition);
  const options = asArray(def?.enum);
  if (options.length > 0) return options[0];
  const rawType = def?.type;
  const type = Array.isArray(rawType) ? rawType[0] : rawType;
  switch (type) {
    case 'integer':
    case 'number':
      return text.length;
    case 'boolean':
      return true;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return text;
  }
}

/** Arguments that satisfy the tool's schema shape, filled from the prompt. */
export function argumentsFor(schema: JsonObject | undefined, prompt: string): string {
  const text = snippet(prompt);
  const properties = asObject(schema?.properties);
  const keys = properties ? Object.keys(properties) : [];
  if (!properties || keys.length === 0) return JSON.stringify({ prompt: text });
  const args: JsonObject = {};
  for (const key of keys) args[key] = exampleValue(properties[key], text);
  return JSON.stringify(args);
}

/**
 * `[mock tool=NAME]text[/mock]` in the prompt makes the model call NAME with `text` as every required
 * string argument (a custom tool's whole input), so a test can drive a real client's own tool, e.g.
 * Codex's apply_patch with a real patch or Claude Code's Write with a real path.
 */
const FORCED_TOOL = /\[mock\b[^\]]*\btool=([^\s\]]+)[^\]]*\]([\s\S]*?)(?:\[\/mock\]|$)/;

export function forcedTool(prompt: string): { name: string; text: string } | undefined {
  if (!prompt.includes('[mock')) return undefined;
  const match = FORCED_TOOL.exec(prompt);
  return match ? { name: match[1]!, text: match[2]! } : undefined;
}

function forcedArguments(schema: JsonObject | undefined, text: string): string {
  const properties = asObject(schema?.properties) ?? {};
  const required = asArray(schema?.required).filter((k): k is string => typeof k === 'string');
  const args: JsonObject = {};
  for (const key of required) {
    const type = asObject(properties[key])?.type;
    args[key] = type === undefined || type === 'string' ? text : exampleValue(properties[key], text);
  }
  return JSON.stringify(args);
}

function chooseTools(conv: Conversation): ToolDef[] {
  if (conv.tools.length === 0 || conv.toolChoice === 'none' || conv.toolResult !== undefined) return [];
  const forced = forcedTool(conv.prompt);
  const asked = forced && conv.tools.find((t) => t.name === forced.name);
  if (asked) return [asked];
  const choice = conv.toolChoice;
  const named = typeof choice === 'object' ? conv.tools.find((t) => t.name === choice.name) : undefined;
  const first = named ?? conv.tools[0]!;
  if (!named && conv.parallelTools && PARALLEL_ASK.test(conv.prompt)) {
    return [first, conv.tools[1] ?? first];
  }
  return [first];
}

/** The deterministic answer to a conversation under the given size settings. */
export function planReply(conv: Conversation, settings: Settings): Plan {
  const chosen = chooseTools(conv);
  const forced = forcedTool(conv.prompt);
  const calls = chosen.map((tool, index): PlannedCall => {
    const kind = tool.kind ?? 'function';
    const args =
      forced?.name === tool.name
        ? kind === 'custom'
          ? forced.text
          : forcedArguments(tool.schema, forced.text)
        : kind === 'custom'
          ? snippet(conv.prompt)
          : argumentsFor(tool.schema, conv.prompt);
    return { index, name: tool.name, arguments: args, kind, namespace: tool.namespace };
  });
  const text = calls.length > 0 ? '' : echoText(conv.toolResult ?? conv.prompt, settings.responseBytes);
  const reasoning = conv.reasoning ? `Thinking about: ${snippet(conv.prompt)}` : '';
  const argChars = calls.reduce((sum, call) => sum + call.arguments.length, 0);
  return {
    text,
    reasoning,
    calls,
    inputTokens: Math.max(1, tokens(conv.inputChars)),
    outputTokens: Math.max(1, tokens(text.length + reasoning.length + argChars)),
    reasoningTokens: tokens(reasoning.length),
  };
}
