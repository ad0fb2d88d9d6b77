// Owns the provider protocol catalogue: the wire protocol each preset speaks, its default URL and quirks.

/** The wire protocols the gateway implements. */
export type WireProtocol = 'openai' | 'openai_responses' | 'anthropic' | 'gemini';

/** How an OpenAI-compatible vendor wants reasoning switched on or off. */
export type ReasoningStyle = 'openai' | 'thinking_type' | 'enable_thinking';

export interface ProtocolPreset {
  protocol: string;
  label: string;
  implementation: WireProtocol;
  base_url: string;
  reasoning: ReasoningStyle;
}

export const PROTOCOL_PRESETS: readonly ProtocolPreset[] = [
  {
    protocol: 'openai',
    label: 'OpenAI',
    implementation: 'openai',
    base_url: 'https://api.openai.com/v1',
    reasoning: 'openai',
  },
  {
    protocol: 'openai_responses',
    label: 'OpenAI Responses',
    implementation: 'openai_responses',
    base_url: 'https://api.openai.com/v1',
    reasoning: 'openai',
  },
  {
    protocol: 'anthropic',
    label: 'Anthropic',
    implementation: 'anthropic',
    base_url: 'https://api.anthropic.com/v1',
    reasoning: 'openai',
  },
  {
    protocol: 'gemini',
    label: 'Google Gemini',
    implementation: 'gemini',
    base_url: 'https://generativelanguage.googleapis.com/v1beta',
    reasoning: 'openai',
  },
  {
    protocol: 'deepseek',
    label: 'DeepSeek (OpenAI)',
    implementation: 'openai',
    base_url: 'https://api.deepseek.com',
    reasoning: 'thinking_type',
  },
  {
    protocol: 'zhipu',
    label: 'GLM (OpenAI)',
    implementation: 'openai',
    base_url: 'https://open.bigmodel.cn/api/paas/v4',
    reasoning: 'thinking_type',
  },
  {
    protocol: 'aliyun',
    label: 'Dashscope (OpenAI)',
    implementation: 'openai',
    base_url: 'https://dashscope.aliyuncs.com/compatible-mode/v1',
    reasoning: 'enable_thinking',
  },
  {
    protocol: 'moonshot',
    label: 'Kimi (OpenAI)',
    implementation: 'openai',
    base_url: 'https://api.moonshot.cn/v1',
    reasoning: 'thinking_type',
  },
  {
    protocol: 'ark',
    label: 'Ark (OpenAI)',
    implementation: 'openai',
    base_url: 'https://ark.cn-beijing.volces.com/api/v3',
    reasoning: 'thinking_type',
  },
];

const ALIASES: Record<string, string> = {
  openai_chat: 'openai',
  openai_classic: 'openai',
  anthropic_messages: 'anthropic',
  google_gemini: 'gemini',
};

const BY_NAME = new Map(PROTOCOL_PRESETS.map((p) => [p.protocol, p]));

/** The preset for a protocol name (aliases accepted), or undefined when unknown. */
export function findPreset(protocol: string): ProtocolPreset | undefined {
  return BY_NAME.get(ALIASES[protocol] ?? protocol);
}

/** Every protocol name accepted on a provider. */
export const PROTOCOL_NAMES = PROTOCOL_PRESETS.map((p) => p.protocol) as [string, ...string[]];
