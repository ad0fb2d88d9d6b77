// Owns the provider protocol catalogue: the wire protocol each preset speaks, its default URL and quirks.

/** The wire protocols the gateway implements. */
export type WireProtocol = 'openai' | 'openai_responses' | 'anthropic' | 'gemini' | 'bedrock_converse';

/**
 * What the provider's secret (`api_key`, stored encrypted) holds, so the dashboard can ask for it:
 * a key; a Bedrock API key or AWS access keys as JSON; a Google service-account JSON; nothing.
 */
export type CredentialKind = 'api_key' | 'aws' | 'service_account' | 'none';

/** How an OpenAI-compatible vendor wants reasoning switched on or off. */
export type ReasoningStyle = 'openai' | 'thinking_type' | 'enable_thinking';

export interface ProtocolPreset {
  protocol: string;
  label: string;
  implementation: WireProtocol;
  base_url: string;
  reasoning: ReasoningStyle;
  credential?: CredentialKind;
  /** One line for the provider form: what the base URL and the credential look like. */
  hint?: string;
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
    credential: 'api_key',
  },
  {
    protocol: 'azure_openai',
    label: 'Azure OpenAI',
    implementation: 'openai',
    base_url: 'https://RESOURCE.openai.azure.com/openai/v1',
    reasoning: 'openai',
    credential: 'api_key',
    hint: 'v1 API: the model is the deployment name; the key goes in the `api-key` header.',
  },
  {
    protocol: 'bedrock_anthropic',
    label: 'Amazon Bedrock (Claude)',
    implementation: 'anthropic',
    base_url: 'https://bedrock-runtime.us-east-1.amazonaws.com',
    reasoning: 'openai',
    credential: 'aws',
    hint: 'A Bedrock API key, or {"access_key_id","secret_access_key","session_token"?} for SigV4; the model is a Bedrock model id.',
  },
  {
    protocol: 'bedrock_converse',
    label: 'Amazon Bedrock (Converse)',
    implementation: 'bedrock_converse',
    base_url: 'https://bedrock-runtime.us-east-1.amazonaws.com',
    reasoning: 'openai',
    credential: 'aws',
    hint: 'Any Bedrock model through Converse/ConverseStream; credentials as for Bedrock (Claude).',
  },
  {
    protocol: 'vertex_gemini',
    label: 'Google Vertex AI (Gemini)',
    implementation: 'gemini',
    base_url:
      'https://us-central1-aiplatform.googleapis.com/v1/projects/PROJECT/locations/us-central1/publishers/google',
    reasoning: 'openai',
    credential: 'service_account',
    hint: 'Paste the service-account JSON key; the gateway signs its own access tokens.',
  },
  {
    protocol: 'vertex_anthropic',
    label: 'Google Vertex AI (Claude)',
    implementation: 'anthropic',
    base_url:
      'https://us-east5-aiplatform.googleapis.com/v1/projects/PROJECT/locations/us-east5/publishers/anthropic',
    reasoning: 'openai',
    credential: 'service_account',
    hint: 'Paste the service-account JSON key; the model is the Vertex Claude model id.',
  },
  {
    protocol: 'workers_ai',
    label: 'Cloudflare Workers AI',
    implementation: 'openai',
    base_url: 'https://api.cloudflare.com/client/v4/accounts/ACCOUNT/ai/v1',
    reasoning: 'openai',
    credential: 'none',
    hint: "Runs on the Worker's `AI` binding (no key); the model is a Workers AI id such as @cf/meta/llama-3.1-8b-instruct.",
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
