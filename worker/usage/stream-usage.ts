// Owns usage and generated-text accumulation over one protocol's SSE stream.
import type { SseEvent } from '../lib/sse';
import type { WireProtocol } from '../protocols/catalogue';
import { normalizeUsage } from './extract';
import { asRecord, type JsonRecord, parseJson } from './json';
import type { Usage } from './types';

/** Default cap on collected text; past it only the character count is kept. */
const DEFAULT_MAX_TEXT_CHARS = 1_000_000;

const EMPTY_CHOICES = /"choices"\s*:\s*\[\s*\]/;

/**
 * True for an OpenAI chunk that carries only usage (`choices` empty or absent, `usage` an object),
 * i.e. the chunk `stream_options.include_usage` adds. Content chunks are rejected without parsing.
 */
export function isUsageOnlyChunk(data: string): boolean {
  if (!data.includes('"usage"')) return false;
  if (data.includes('"choices"') && !EMPTY_CHOICES.test(data)) return false;
  const obj = asRecord(parseJson(data));
  if (!obj || asRecord(obj.usage) === null) return false;
  return obj.choices === undefined || (Array.isArray(obj.choices) && obj.choices.length === 0);
}

/**
 * Fed every event of one stream (in `protocol`), it merges the usage objects the stream reports
 * (later non-null fields win) and collects the generated text: content, tool-call arguments and
 * reasoning, so output tokens can be estimated when the upstream reported none.
 */
export class StreamUsageAccumulator {
  private raw: JsonRecord | null = null;
  private readonly parts: string[] = [];
  private chars = 0;
  private dropped = 0;

  constructor(
    private readonly protocol: WireProtocol,
    private readonly maxTextChars = DEFAULT_MAX_TEXT_CHARS,
  ) {}

  /** Feeds one event. Pass `parsed` when the caller already parsed `event.data`. */
  push(event: SseEvent, parsed?: unknown): void {
    if (parsed === undefined && (event.data === '[DONE]' || event.data === '')) return;
    const obj = asRecord(parsed === undefined ? parseJson(event.data) : parsed);
    if (!obj) return;
    if (this.protocol === 'openai') this.openai(obj);
    else if (this.protocol === 'anthropic') this.anthropic(obj, event.event);
    else if (this.protocol === 'gemini') this.gemini(obj);
    else this.responses(obj, event.event);
  }

  /** The merged usage, or null when the stream reported none. */
  usage(): Usage | null {
    return this.raw ? normalizeUsage(this.protocol, this.raw) : null;
  }

  /** The collected generated text (up to the cap). */
  text(): string {
    return this.parts.join('');
  }

  /** Characters of generated text past the cap, counted but not kept. */
  droppedChars(): number {
    return this.dropped;
  }

  private merge(usage: unknown, skip?: string): void {
    const u = asRecord(usage);
    if (!u) return;
    const next: JsonRecord = { ...this.raw };
    for (const [key, value] of Object.entries(u)) {
      if (value !== null && value !== undefined && key !== skip) next[key] = value;
    }
    this.raw = next;
  }

  private add(value: unknown): void {
    if (typeof value !== 'string' || value.length === 0) return;
    const room = this.maxTextChars - this.chars;
    if (room <= 0) {
      this.dropped += value.length;
      return;
    }
    const kept = value.length <= room ? value : value.slice(0, room);
    this.parts.push(kept);
    this.chars += kept.length;
    this.dropped += value.length - kept.length;
  }

  private openai(obj: JsonRecord): void {
    this.merge(obj.usage);
    if (!Array.isArray(obj.choices)) return;
    for (const choice of obj.choices) {
      const c = asRecord(choice);
      if (!c) continue;
      this.add(c.text); // legacy completions
      const delta = asRecord(c.delta);
      if (!delta) continue;
      this.add(delta.content);
      this.add(delta.reasoning_content);
      this.add(delta.reasoning);
      this.add(delta.refusal);
      if (!Array.isArray(delta.tool_calls)) continue;
      for (const call of delta.tool_calls) {
        const fn = asRecord(asRecord(call)?.function);
        this.add(fn?.name);
        this.add(fn?.arguments);
      }
    }
  }

  private anthropic(obj: JsonRecord, name: string | undefined): void {
    const type = typeof obj.type === 'string' ? obj.type : name;
    if (type === 'message_start') {
      // message_start's output_tokens is a placeholder; the real count arrives in message_delta.
      this.merge(asRecord(obj.message)?.usage, 'output_tokens');
    } else if (type === 'message_delta') {
      this.merge(obj.usage);
    } else if (type === 'content_block_start') {
      const block = asRecord(obj.content_block);
      this.add(block?.name);
      this.add(block?.text);
      this.add(block?.thinking);
    } else if (type === 'content_block_delta') {
      const delta = asRecord(obj.delta);
      this.add(delta?.text);
      this.add(delta?.partial_json);
      this.add(delta?.thinking);
    }
  }

  /** Gemini chunks repeat the running usage totals; the last one is the whole answer's. */
  private gemini(obj: JsonRecord): void {
    this.merge(obj.usageMetadata);
    const candidates = Array.isArray(obj.candidates) ? obj.candidates : [];
    const parts = asRecord(asRecord(candidates[0])?.content)?.parts;
    if (!Array.isArray(parts)) return;
    for (const part of parts) {
      const p = asRecord(part);
      this.add(p?.text);
      const call = asRecord(p?.functionCall);
      if (call) {
        this.add(call.name);
        this.add(JSON.stringify(call.args ?? {}));
      }
    }
  }

  private responses(obj: JsonRecord, name: string | undefined): void {
    const type = typeof obj.type === 'string' ? obj.type : (name ?? '');
    if (type === 'response.completed' || type === 'response.incomplete' || type === 'response.failed') {
      this.merge(asRecord(obj.response)?.usage);
    } else if (type === 'response.output_item.added') {
      this.add(asRecord(obj.item)?.name);
    } else if (type.endsWith('.delta') && type !== 'response.audio.delta') {
      // Text-bearing deltas: output_text, refusal, reasoning, function/custom/MCP arguments (audio is base64).
      this.add(obj.delta);
    }
  }
}
