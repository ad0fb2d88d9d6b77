// Owns pulling the generated text out of a non-stream response, for estimating output tokens.
import type { WireProtocol } from '../protocols/catalogue';

type Rec = Record<string, unknown>;

function rec(v: unknown): Rec | null {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : null;
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function chatText(body: Rec, out: string[]): void {
  for (const choice of arr(body.choices)) {
    const c = rec(choice);
    out.push(str(c?.text));
    const msg = rec(c?.message);
    out.push(str(msg?.content), str(msg?.reasoning_content));
    for (const call of arr(msg?.tool_calls)) {
      const fn = rec(rec(call)?.function);
      out.push(str(fn?.name), str(fn?.arguments));
    }
  }
}

function anthropicText(body: Rec, out: string[]): void {
  for (const block of arr(body.content)) {
    const b = rec(block);
    out.push(str(b?.text), str(b?.thinking));
    if (b?.type === 'tool_use') out.push(str(b.name), JSON.stringify(b.input ?? {}));
  }
}

function responsesText(body: Rec, out: string[]): void {
  for (const item of arr(body.output)) {
    const i = rec(item);
    out.push(str(i?.arguments), str(i?.name));
    for (const part of arr(i?.content)) out.push(str(rec(part)?.text));
    for (const part of arr(i?.summary)) out.push(str(rec(part)?.text));
  }
}

function geminiText(body: Rec, out: string[]): void {
  for (const candidate of arr(body.candidates)) {
    for (const part of arr(rec(rec(candidate)?.content)?.parts)) {
      const p = rec(part);
      out.push(str(p?.text));
      const call = rec(p?.functionCall);
      if (call) out.push(str(call.name), JSON.stringify(call.args ?? {}));
    }
  }
}

/** The generated text of a parsed non-stream response body in `protocol`. */
export function responseText(protocol: WireProtocol, body: unknown): string {
  const r = rec(body);
  if (!r) return '';
  const out: string[] = [];
  if (protocol === 'anthropic') anthropicText(r, out);
  else if (protocol === 'openai_responses') responsesText(r, out);
  else if (protocol === 'gemini') geminiText(r, out);
  else chatText(r, out);
  return out.filter(Boolean).join('\n');
}
