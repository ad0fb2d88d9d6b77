// Owns turning a logged request body (Chat, Messages or Responses) into one view: system, messages by role,
// tool calls and results, images, tools with their schemas, and the other parameters.

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string =>
  typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);

export type PromptPart =
  | { kind: 'text'; text: string }
  | { kind: 'image'; url: string }
  | { kind: 'tool_call'; id: string; name: string; args: string }
  | { kind: 'tool_result'; id: string; text: string }
  | { kind: 'thinking'; text: string }
  | { kind: 'other'; value: unknown };

export interface PromptMessage {
  role: string;
  parts: PromptPart[];
}

export interface PromptTool {
  name: string;
  description: string;
  schema: unknown;
}

export interface PromptView {
  system: string[];
  messages: PromptMessage[];
  tools: PromptTool[];
  params: Record<string, unknown>;
}

function imageUrl(block: Rec): string {
  if (isRec(block.image_url)) return str(block.image_url.url);
  if (typeof block.image_url === 'string') return block.image_url;
  if (isRec(block.source)) {
    const s = block.source;
    if (s.type === 'base64') return `data:${str(s.media_type)};base64,${str(s.data)}`;
    return str(s.url);
  }
  return '';
}

/** One content block of any protocol as a part. */
function part(block: unknown): PromptPart {
  if (typeof block === 'string') return { kind: 'text', text: block };
  if (!isRec(block)) return { kind: 'other', value: block };
  switch (block.type) {
    case 'text':
    case 'input_text':
    case 'output_text':
      return { kind: 'text', text: str(block.text) };
    case 'image_url':
    case 'image':
    case 'input_image':
      return { kind: 'image', url: imageUrl(block) };
    case 'tool_use':
      return {
        kind: 'tool_call',
        id: str(block.id),
        name: str(block.name),
        args: JSON.stringify(block.input ?? {}, null, 2),
      };
    case 'tool_result':
      return {
        kind: 'tool_result',
        id: str(block.tool_use_id),
        text: Array.isArray(block.content)
          ? block.content.map((c) => (isRec(c) ? str(c.text) : str(c))).join('\n')
          : str(block.content),
      };
    case 'thinking':
      return { kind: 'thinking', text: str(block.thinking) };
    default:
      return { kind: 'other', value: block };
  }
}

function parts(content: unknown): PromptPart[] {
  if (content === undefined || content === null) return [];
  if (Array.isArray(content)) return content.map(part);
  return [part(content)];
}

function prettyArgs(args: unknown): string {
  if (typeof args !== 'string') return JSON.stringify(args ?? {}, null, 2);
  try {
    return JSON.stringify(JSON.parse(args), null, 2);
  } catch {
    return args;
  }
}

function chatMessage(m: Rec): PromptMessage {
  const out = parts(m.content);
  if (typeof m.reasoning_content === 'string' && m.reasoning_content)
    out.unshift({ kind: 'thinking', text: m.reasoning_content });
  if (Array.isArray(m.tool_calls)) {
    for (const c of m.tool_calls) {
      if (!isRec(c)) continue;
      const fn = isRec(c.function) ? c.function : {};
      out.push({ kind: 'tool_call', id: str(c.id), name: str(fn.name), args: prettyArgs(fn.arguments) });
    }
  }
  if (m.role === 'tool')
    return {
      role: 'tool',
      parts: [
        {
          kind: 'tool_result',
          id: str(m.tool_call_id),
          text: out.map((p) => (p.kind === 'text' ? p.text : '')).join('\n'),
        },
      ],
    };
  return { role: str(m.role) || 'user', parts: out };
}

function responsesItem(item: unknown): PromptMessage {
  if (!isRec(item)) return { role: 'user', parts: [part(item)] };
  if (item.type === 'function_call') {
    return {
      role: 'assistant',
      parts: [
        { kind: 'tool_call', id: str(item.call_id), name: str(item.name), args: prettyArgs(item.arguments) },
      ],
    };
  }
  if (item.type === 'function_call_output') {
    return { role: 'tool', parts: [{ kind: 'tool_result', id: str(item.call_id), text: str(item.output) }] };
  }
  return { role: str(item.role) || 'user', parts: parts(item.content) };
}

function tools(list: unknown): PromptTool[] {
  if (!Array.isArray(list)) return [];
  return list.filter(isRec).map((tool) => {
    const fn = isRec(tool.function) ? tool.function : tool;
    return {
      name: str(fn.name) || str(tool.type),
      description: str(fn.description),
      schema: fn.parameters ?? fn.input_schema ?? null,
    };
  });
}

const STRUCTURAL = new Set(['messages', 'system', 'tools', 'input', 'instructions']);

/** A view of the prompt, or null when the body is not a JSON object. */
export function normalizePrompt(body: unknown): PromptView | null {
  if (!isRec(body)) return null;
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) if (!STRUCTURAL.has(k)) params[k] = v;
  const view: PromptView = { system: [], messages: [], tools: tools(body.tools), params };
  if (typeof body.system === 'string') view.system.push(body.system);
  else if (Array.isArray(body.system))
    for (const b of body.system) view.system.push(isRec(b) ? str(b.text) : str(b));
  if (typeof body.instructions === 'string') view.system.push(body.instructions);
  if (Array.isArray(body.messages)) {
    for (const m of body.messages) {
      if (!isRec(m)) continue;
      const msg = chatMessage(m);
      if (msg.role === 'system' || msg.role === 'developer')
        view.system.push(msg.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('\n'));
      else view.messages.push(msg);
    }
  }
  if (typeof body.input === 'string')
    view.messages.push({ role: 'user', parts: [{ kind: 'text', text: body.input }] });
  else if (Array.isArray(body.input)) view.messages.push(...body.input.map(responsesItem));
  return view;
}
