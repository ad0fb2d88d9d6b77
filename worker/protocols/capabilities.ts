// Owns what target models accept: their output-token ceiling and the sampling parameters they refuse.
//
// A request written for one model often reaches another (Claude Code asks for 64,000 output tokens;
// a gpt-4o target takes 16,384; o-series and gpt-5 reasoning models refuse `temperature`). The proxy
// clamps or drops what the target cannot take rather than letting it fail with a 400. Built-in
// entries match target model names by prefix (first match wins); a provider's
// `provider_options.model_capabilities` adds or overrides entries for its own models.

export interface ModelCapabilities {
  max_output_tokens?: number;
  /** Top-level request fields the model rejects (dropped when present). */
  refused_parameters?: string[];
}

const REASONING_REFUSES = [
  'temperature',
  'top_p',
  'presence_penalty',
  'frequency_penalty',
  'logprobs',
  'top_logprobs',
  'logit_bias',
];

const BUILT_IN: readonly [string, ModelCapabilities][] = [
  ['gpt-5-chat', { max_output_tokens: 16_384 }],
  ['gpt-5', { max_output_tokens: 128_000, refused_parameters: REASONING_REFUSES }],
  ['o1-mini', { max_output_tokens: 65_536, refused_parameters: REASONING_REFUSES }],
  ['o1', { max_output_tokens: 100_000, refused_parameters: REASONING_REFUSES }],
  ['o3', { max_output_tokens: 100_000, refused_parameters: REASONING_REFUSES }],
  ['o4-mini', { max_output_tokens: 100_000, refused_parameters: REASONING_REFUSES }],
  ['gpt-4.1', { max_output_tokens: 32_768 }],
  ['gpt-4o', { max_output_tokens: 16_384 }],
  ['chatgpt-4o', { max_output_tokens: 16_384 }],
  ['gpt-4-turbo', { max_output_tokens: 4_096 }],
  ['gpt-3.5-turbo', { max_output_tokens: 4_096 }],
  ['claude-3-haiku', { max_output_tokens: 4_096 }],
  ['claude-3-opus', { max_output_tokens: 4_096 }],
  ['claude-3-5-', { max_output_tokens: 8_192 }],
  ['claude-3-7-sonnet', { max_output_tokens: 64_000 }],
  ['claude-opus-4-0', { max_output_tokens: 32_000 }],
  ['claude-opus-4-1', { max_output_tokens: 32_000 }],
  ['claude-opus-4-2025', { max_output_tokens: 32_000 }],
  ['claude-sonnet-4', { max_output_tokens: 64_000 }],
  ['claude-haiku-4', { max_output_tokens: 64_000 }],
  ['deepseek-chat', { max_output_tokens: 8_192 }],
  ['deepseek-reasoner', { max_output_tokens: 65_536 }],
];

/** The capabilities of a target model: the provider's own entry (exact or `prefix*`), else the built-in one. */
export function capabilitiesOf(
  targetModel: string,
  overrides: Record<string, ModelCapabilities> | undefined,
): ModelCapabilities | undefined {
  const name = targetModel.toLowerCase();
  for (const [pattern, caps] of Object.entries(overrides ?? {})) {
    const p = pattern.toLowerCase();
    if (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p) return caps;
  }
  // Vendors prefix models with a path (`openai/gpt-4o`); the table knows the model's own name.
  const bare = name.slice(name.lastIndexOf('/') + 1);
  return BUILT_IN.find(([prefix]) => bare.startsWith(prefix))?.[1];
}

/** The field that bounds output on a request of this kind. */
export function maxOutputField(
  endpoint: 'chat' | 'messages' | 'responses',
  json: Record<string, unknown>,
): string {
  if (endpoint === 'messages') return 'max_tokens';
  if (endpoint === 'responses') return 'max_output_tokens';
  return json.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens';
}
