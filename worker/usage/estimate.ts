// Owns the cheap pre-flight input-token estimate (no tokenizer) used by routing rules and cost-first.
import type { WireProtocol } from '../protocols/catalogue';
import { walkInput } from './input-walk';

/**
 * Weighted character count → tokens. BPE vocabularies give ~4 ASCII chars per token, roughly 2 for
 * Latin-extended/Cyrillic/Greek/Arabic, and ~1 per CJK character; plain length/4 would under-count
 * CJK prompts (common with the Chinese vendors we route to) by about 4×.
 */
class CharTally {
  ascii = 0;
  mid = 0;
  wide = 0;
  fixed = 0;

  add(s: string): void {
    const n = s.length;
    let ascii = 0;
    let wide = 0;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) ascii++;
      else if (c >= 0x3000) wide++;
    }
    this.ascii += ascii;
    this.wide += wide;
    this.mid += n - ascii - wide;
  }

  tokens(): number {
    return Math.ceil(this.ascii / 4 + this.mid / 2 + this.wide) + this.fixed;
  }
}

/**
 * Estimated input tokens of a request body, in linear time and without a tokenizer: text by
 * weighted characters, 4 tokens per message (+3 priming for chat), images 85/170/tiles×170,
 * audio and files by size, tools by their JSON length. Never throws; 0 for a non-object body.
 */
export function estimateInputTokens(protocol: WireProtocol, body: unknown): number {
  const tally = new CharTally();
  walkInput(protocol, body, {
    text: (s) => tally.add(s),
    fixed: (n) => {
      tally.fixed += n;
    },
  });
  return tally.tokens();
}

/** The prompt text of a request (for exact counting off the hot path) and its non-text tokens. */
export interface InputText {
  text: string;
  fixedTokens: number;
}

/** Collects the prompt text and the fixed (media, framing) tokens of a request body. */
export function collectInputText(protocol: WireProtocol, body: unknown): InputText {
  const parts: string[] = [];
  let fixedTokens = 0;
  walkInput(protocol, body, {
    text: (s) => {
      parts.push(s);
    },
    fixed: (n) => {
      fixedTokens += n;
    },
  });
  return { text: parts.join('\n'), fixedTokens };
}
