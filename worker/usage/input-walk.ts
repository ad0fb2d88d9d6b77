// Owns walking a request body in prompt order: text goes to a sink, media and overheads as fixed tokens.
import type { WireProtocol } from '../protocols/catalogue';
import { sniffImageSize } from './image-size';
import { asRecord, type JsonRecord } from './json';

/** Receives what the walker finds: prompt text, and token counts that are not text (images, overheads). */
export interface InputSink {
  text(value: string): void;
  fixed(tokens: number): void;
}

/** Tokens added per message and once per chat prompt (OpenAI's documented chat framing). */
const PER_MESSAGE = 4;
const PRIMING = 3;
/** Upper bound on visited JSON nodes: keeps a hostile or cyclic value from running forever. */
const NODE_BUDGET = 5_000_000;
/** Keys that are structure, not prompt text. */
const SKIP_KEYS = new Set(['type', 'cache_control', 'thoughtSignature']);

/** Walks the prompt of a request body of `protocol`; never throws. */
export function walkInput(protocol: WireProtocol, body: unknown, sink: InputSink): void {
  const b = asRecord(body);
  if (!b) return;
  const walker = new Walker(sink);
  if (protocol === 'gemini') {
    walker.value(b.systemInstruction);
    if (Array.isArray(b.contents)) walker.messages(b.contents, 0);
    // Embedding requests: one content, or a batch of requests each with one.
    walker.value(b.content);
    if (Array.isArray(b.requests)) walker.value(b.requests.map((r) => asRecord(r)?.content));
    walker.json(b.tools);
    return;
  }
  if (protocol === 'anthropic') {
    walker.value(b.system);
    walker.messages(b.messages, 0);
  } else if (protocol === 'openai_responses') {
    walker.value(b.instructions);
    if (Array.isArray(b.input)) walker.messages(b.input, 0);
    else walker.value(b.input);
  } else if (Array.isArray(b.input) && b.input.some((item) => asRecord(item)?.role !== undefined)) {
    walker.messages(b.input, PRIMING);
  } else if (b.input !== undefined) {
    walker.tokenArrays(b.input);
  } else if (Array.isArray(b.messages)) {
    walker.messages(b.messages, PRIMING);
  } else {
    walker.tokenArrays(b.prompt);
  }
  walker.json(b.tools);
  walker.json(b.tool_choice);
  walker.json(b.functions);
}

class Walker {
  private budget = NODE_BUDGET;
  constructor(private readonly sink: InputSink) {}

  messages(list: unknown, priming: number): void {
    if (!Array.isArray(list)) return;
    this.sink.fixed(list.length * PER_MESSAGE + priming);
    this.value(list);
  }

  /** Embeddings/completions input: strings, token ids, or arrays of either. */
  tokenArrays(value: unknown): void {
    if (typeof value === 'number') {
      this.sink.fixed(1);
      return;
    }
    if (!Array.isArray(value)) {
      this.value(value);
      return;
    }
    for (const item of value) {
      if (typeof item === 'number') this.sink.fixed(1);
      else if (Array.isArray(item) && item.every((v) => typeof v === 'number')) this.sink.fixed(item.length);
      else this.value(item);
    }
  }

  /** Tool schemas count as their JSON text, keys and punctuation included. */
  json(value: unknown): void {
    if (value === undefined || value === null) return;
    if (typeof value === 'string') {
      this.sink.text(value);
      return;
    }
    try {
      this.sink.text(JSON.stringify(value));
    } catch {
      this.value(value); // too deep for JSON.stringify: fall back to its strings
    }
  }

  /** Iterative (no recursion limit) walk of any JSON value, in document order. */
  value(root: unknown): void {
    const stack: unknown[] = [root];
    while (stack.length > 0 && this.budget-- > 0) {
      const v = stack.pop();
      if (typeof v === 'string') {
        this.text(v);
      } else if (Array.isArray(v)) {
        for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      } else if (typeof v === 'object' && v !== null) {
        const obj = v as JsonRecord;
        const media = mediaTokens(obj);
        if (media !== null) {
          this.sink.fixed(media);
          continue;
        }
        const keys = Object.keys(obj);
        for (let i = keys.length - 1; i >= 0; i--) if (!SKIP_KEYS.has(keys[i]!)) stack.push(obj[keys[i]!]);
      }
    }
  }

  private text(value: string): void {
    // An inline base64 payload is not prose: count it like a document instead of as characters.
    if (value.startsWith('data:') && value.includes(';base64,')) this.sink.fixed(base64Tokens(value, 4000));
    else this.sink.text(value);
  }
}

/** Tokens of an image part given its URL (or data URL) and detail. */
export function imageTokens(url: unknown, detail: unknown, width?: unknown, height?: unknown): number {
  if (detail === 'low') return 85;
  let w = typeof width === 'number' ? width : 0;
  let h = typeof height === 'number' ? height : 0;
  if ((w <= 0 || h <= 0) && typeof url === 'string') {
    const size = sniffImageSize(url);
    if (size) ({ width: w, height: h } = size);
  }
  if (w <= 0 || h <= 0) return 170;
  return Math.ceil(w / 512) * Math.ceil(h / 512) * 170;
}

/** ceil(decoded bytes / bytesPerToken) for a base64 string or data URL. */
function base64Tokens(data: string, bytesPerToken: number): number {
  const comma = data.startsWith('data:') ? data.indexOf(',') + 1 : 0;
  return Math.ceil(((data.length - comma) * 3) / 4 / bytesPerToken);
}

/** Gemini bills an image or a document page as a fixed 258 tokens. */
const GEMINI_MEDIA_TOKENS = 258;

/** Token count of a media part (image, audio, file/document), or null for anything else. */
function mediaTokens(part: JsonRecord): number | null {
  if (asRecord(part.inlineData) || asRecord(part.fileData)) return GEMINI_MEDIA_TOKENS;
  switch (part.type) {
    case 'image_url': {
      const iu = asRecord(part.image_url);
      return imageTokens(iu ? iu.url : part.image_url, iu?.detail, part.width, part.height);
    }
    case 'input_image':
      return imageTokens(
        asRecord(part.image_url)?.url ?? part.image_url,
        part.detail,
        part.width,
        part.height,
      );
    case 'image': {
      const src = asRecord(part.source);
      return imageTokens(src?.type === 'base64' ? src.data : undefined, undefined, part.width, part.height);
    }
    case 'input_audio': {
      const data = asRecord(part.input_audio)?.data;
      return typeof data === 'string' ? base64Tokens(data, 1000) : 0;
    }
    case 'file':
    case 'input_file': {
      const data = asRecord(part.file)?.file_data ?? part.file_data;
      return typeof data === 'string' ? base64Tokens(data, 4000) : null;
    }
    case 'document': {
      const src = asRecord(part.source);
      return src?.type === 'base64' && typeof src.data === 'string' ? base64Tokens(src.data, 4000) : null;
    }
    default:
      return null;
  }
}
