// Owns the names Responses tools take on the Chat side (namespaces flattened; custom and tool_search as functions) and the way back.
//
// Every Responses tool a Chat or Anthropic model may call becomes one Chat function, so one table built
// from the client's request serves the request, response and stream converters alike:
// - `namespace` tools contribute their function/custom tools, named `<namespace>__<name>` on the Chat side;
// - `custom` (freeform) tools take one string argument, `input`, and their grammar in the description;
// - a client-run `tool_search` is a function the client answers with `tool_search_output`;
// - tools arrive in `tools`, in `additional_tools` input items and in `tool_search_output` items.
import type { JsonObject } from '../types';
import { isObject } from './json-fields';

/** What a Chat function name stands for on the Responses side. */
export interface ToolOrigin {
  kind: 'function' | 'custom' | 'tool_search';
  name: string;
  namespace?: string;
}

export const TOOL_SEARCH = 'tool_search';

/** Chat (and Anthropic) function names: at most 64 of these characters. */
const CHAT_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

/** FNV-1a, hex: a short stable suffix for names that must be shortened. */
function shortHash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** The Chat name of a tool: its own when it fits, else a sanitized prefix plus a hash of the full name. */
export function chatToolName(name: string, namespace?: string): string {
  const full = namespace ? `${namespace}__${name}` : name;
  if (CHAT_NAME.test(full)) return full;
  return `${full.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 55)}_${shortHash(full)}`;
}

export class ToolTable {
  private readonly byChat = new Map<string, ToolOrigin>();

  add(origin: ToolOrigin): string {
    const chat = chatToolName(origin.name, origin.namespace);
    this.byChat.set(chat, origin);
    return chat;
  }

  /** The Responses tool behind a Chat function name; a plain function when the name is unknown. */
  origin(chatName: string): ToolOrigin {
    return this.byChat.get(chatName) ?? { kind: 'function', name: chatName };
  }

  get size(): number {
    return this.byChat.size;
  }
}

/** Every tool definition a request offers, with the namespace it sits in. */
export interface OfferedTool {
  tool: JsonObject;
  namespace?: string;
}

function offered(list: unknown, out: OfferedTool[]): void {
  if (!Array.isArray(list)) return;
  for (const tool of list) {
    if (!isObject(tool)) continue;
    if (tool.type === 'namespace' && typeof tool.name === 'string' && Array.isArray(tool.tools)) {
      for (const inner of tool.tools) if (isObject(inner)) out.push({ tool: inner, namespace: tool.name });
    } else {
      out.push({ tool });
    }
  }
}

/** The tools of `tools`, `additional_tools` items and client `tool_search_output` items, in that order. */
export function offeredTools(request: JsonObject): OfferedTool[] {
  const out: OfferedTool[] = [];
  offered(request.tools, out);
  if (Array.isArray(request.input)) {
    for (const item of request.input) {
      if (!isObject(item)) continue;
      if (item.type === 'additional_tools' || item.type === 'tool_search_output') offered(item.tools, out);
    }
  }
  return out;
}

const tables = new WeakMap<JsonObject, ToolTable>();

/** The tool table of a Responses request (built once per request object). */
export function toolTableOf(request: JsonObject): ToolTable {
  const cached = tables.get(request);
  if (cached) return cached;
  const table = new ToolTable();
  for (const { tool, namespace } of offeredTools(request)) {
    if (typeof tool.name === 'string' && (tool.type === 'function' || tool.type === 'custom')) {
      table.add({ kind: tool.type, name: tool.name, namespace });
    } else if (tool.type === 'tool_search' && tool.execution === 'client') {
      table.add({ kind: 'tool_search', name: TOOL_SEARCH });
    }
  }
  tables.set(request, table);
  return table;
}
