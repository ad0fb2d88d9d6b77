// The inputs every conformance cell shares: prompts, tools, an image, a long cacheable prefix, upstream error texts.
import { familyOf } from './conformance-cloud.ts';
import type { ProviderProtocol } from './conformance-gateway.ts';

/** A valid 1×1 PNG (the one the mock upstream also returns). */
export const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=';
export const PNG_DATA_URL = `data:image/png;base64,${PNG_BASE64}`;

export const SYSTEM_PROMPT = 'Be brief.';

/** A tool the mock calls with arguments filled from the prompt: `{"city": <first 40 chars>}`. */
export interface NeutralTool {
  name: string;
  description: string;
  schema: { type: 'object'; properties: Record<string, { type: 'string' }>; required: string[] };
}

export const WEATHER_TOOL: NeutralTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};
export const TIME_TOOL: NeutralTool = {
  name: 'get_time',
  description: 'Current time in a zone',
  schema: { type: 'object', properties: { zone: { type: 'string' } }, required: ['zone'] },
};

export const TOOL_PROMPT = 'Weather in Paris, please';
/** The mock calls the first two tools when the prompt says "parallel". */
export const PARALLEL_PROMPT = 'In parallel: weather and time in Oslo';
export const TOOL_RESULT = 'sunny and 21 degrees in Paris';

/** What the mock answers to a prompt: `Echo: ` and its first 40 characters. */
export function echoOf(prompt: string): string {
  return `Echo: ${prompt.slice(0, 40)}`;
}

/** The arguments the mock fills for a tool from the prompt. */
export function argumentsFor(tool: NeutralTool, prompt: string): Record<string, string> {
  return Object.fromEntries(Object.keys(tool.schema.properties).map((key) => [key, prompt.slice(0, 40)]));
}

/**
 * A system prompt past the 1024 tokens (4096 characters) the OpenAI routes of the mock need before
 * they cache a repeated prefix on their own. `tag` keeps each cell's prefix apart.
 */
export function longSystemPrompt(tag: string): string {
  const line = `Conformance ${tag}: answer as the mock upstream always does. `;
  return line.repeat(Math.ceil(6000 / line.length));
}

/** The error message the mock sends for a status, by the protocol of the route that failed. */
export function upstreamErrorMessage(dialect: ProviderProtocol, status: 429 | 500): string {
  // Bedrock answers `{"message"}` whatever the model; Vertex and Azure answer as the protocol they speak.
  if (dialect.startsWith('bedrock_')) {
    return status === 429
      ? 'Too many requests, please wait before trying again.'
      : 'The system encountered an unexpected error during processing. Try your request again.';
  }
  const provider = familyOf(dialect);
  if (provider === 'gemini') {
    return status === 429
      ? 'Resource has been exhausted (e.g. check quota).'
      : 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting';
  }
  if (provider === 'anthropic') {
    return status === 429
      ? 'Number of request tokens has exceeded your per-minute rate limit.'
      : 'Internal server error';
  }
  return status === 429
    ? 'Rate limit reached for requests. Please try again later.'
    : 'The server had an error while processing your request.';
}

/** The message of the error event the mock sends after a stream started (`error-after-<n>`). */
export function midStreamErrorMessage(dialect: ProviderProtocol): string {
  if (dialect.startsWith('bedrock_')) return 'The system encountered an unexpected error during processing.';
  const provider = familyOf(dialect);
  if (provider === 'gemini') return upstreamErrorMessage('gemini', 500);
  return provider === 'anthropic' ? 'Overloaded' : 'The server had an error while processing your request.';
}

/** The signature text the mock puts on reasoning, decoded; undefined when the protocol has none. */
export function mockSignaturePattern(dialect: ProviderProtocol): RegExp | undefined {
  if (dialect === 'bedrock_converse') return /^mock-bedrock-reasoning-\d+$/;
  const provider = familyOf(dialect);
  if (provider === 'anthropic') return /^mock-thinking-signature-\d+$/;
  if (provider === 'openai_responses') return /^mock-encrypted-reasoning-\d+$/;
  return undefined;
}

export function decodeBase64(text: string): string {
  return Buffer.from(text, 'base64').toString('utf8');
}

/** The gateway's mark on encrypted reasoning it hands a Responses client: the link that can read it. */
const LINK_MARK = /^lgw:\d+:/;

/** Encrypted reasoning as its provider wrote it, without the gateway's link mark. */
export function unmarked(value: string): string {
  return value.replace(LINK_MARK, '');
}

/** A base64 signature the mock made (`mock-thinking-signature-7`), with its sequence number hidden. */
function mockSignature(value: string): string | undefined {
  const mark = LINK_MARK.exec(value)?.[0] ?? '';
  const bare = value.slice(mark.length);
  // Gemini signatures ride bundled with the tool-call ids they belong to (which hold a sequence number).
  if (bare.startsWith('gemini:v1:')) {
    const bundle = Buffer.from(bare.slice('gemini:v1:'.length), 'base64url').toString('utf8');
    return `${mark}gemini:v1:${bundle.replace(/(mock[-_])\d+/g, '$1N')}`;
  }
  if (!/^[A-Za-z0-9+/]{8,}={0,2}$/.test(bare)) return undefined;
  const decoded = decodeBase64(bare);
  return /^mock-[a-z-]+-\d+$/.test(decoded) ? mark + decoded.replace(/\d+$/, 'N') : undefined;
}

/**
 * Replaces the mock's per-request sequence numbers in ids and signatures, and the ids the gateway
 * mints per converted Responses answer (`msg_<32 hex>`), so two answers to one question compare equal.
 */
export function withoutRequestIds<T>(value: T): unknown {
  const text = JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'string' ? (mockSignature(v) ?? v) : v,
  );
  // Bedrock Converse answers carry no id: the gateway makes one up per answer (and mints Responses ids).
  return JSON.parse(
    text
      .replace(/(mock[-_])\d+/g, '$1N')
      .replace(/(msg_bedrock_)[0-9a-f]+/g, '$1N')
      .replace(/\b(resp|msg|rs)_[0-9a-f]{32}/g, '$1_N'),
  );
}
