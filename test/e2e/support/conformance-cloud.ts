// The cloud providers in the conformance matrix: their base URLs and credentials on the mock, and the wire protocol each is a dialect of.
import { MOCK_AWS_ACCESS_KEY_ID, MOCK_AWS_SECRET_ACCESS_KEY } from '../../mock-upstream/sigv4.ts';
import { mockUrl } from './gateway.ts';

export type BaseProtocol = 'openai' | 'anthropic' | 'openai_responses' | 'gemini';
export type CloudProtocol =
  | 'azure_openai'
  | 'bedrock_anthropic'
  | 'bedrock_converse'
  | 'vertex_gemini'
  | 'vertex_anthropic';

/** The wire protocol a provider's bodies are in (Converse is its own). */
export function familyOf(provider: string): BaseProtocol | 'bedrock_converse' {
  if (provider === 'azure_openai') return 'openai';
  if (provider === 'bedrock_anthropic' || provider === 'vertex_anthropic') return 'anthropic';
  if (provider === 'vertex_gemini') return 'gemini';
  return provider as BaseProtocol | 'bedrock_converse';
}

/** Where a provider of this protocol lives on the mock, and the secret it is configured with. */
export interface CloudSetup {
  baseUrl: (name: string) => string;
  apiKey: (name: string) => string | Promise<string>;
}

const awsKeys = () =>
  JSON.stringify({ access_key_id: MOCK_AWS_ACCESS_KEY_ID, secret_access_key: MOCK_AWS_SECRET_ACCESS_KEY });

async function serviceAccount(name: string): Promise<string> {
  const origin = encodeURIComponent(mockUrl());
  const res = await fetch(`${mockUrl()}/__mock/vertex/service-account?provider=${name}&origin=${origin}`);
  return JSON.stringify(await res.json());
}

const vertex = (publisher: string) => (name: string) =>
  `${mockUrl()}/p/${name}/v1/projects/mock-project/locations/us-east5/publishers/${publisher}`;

export const CLOUD: Readonly<Record<CloudProtocol, CloudSetup>> = {
  azure_openai: {
    baseUrl: (n) => `${mockUrl()}/p/${n}/openai/v1`,
    apiKey: (n) => `sk-e2e-upstream-azure-${n}`,
  },
  bedrock_anthropic: { baseUrl: (n) => `${mockUrl()}/p/${n}`, apiKey: awsKeys },
  bedrock_converse: { baseUrl: (n) => `${mockUrl()}/p/${n}`, apiKey: awsKeys },
  vertex_gemini: { baseUrl: vertex('google'), apiKey: serviceAccount },
  vertex_anthropic: { baseUrl: vertex('anthropic'), apiKey: serviceAccount },
};

/** The path an upstream call of this protocol ends with (the model in it where the dialect puts it). */
export function upstreamPathEnd(provider: string, target: string, stream: boolean): string {
  switch (provider) {
    case 'bedrock_anthropic':
      return `/model/${encodeURIComponent(target)}/${stream ? 'invoke-with-response-stream' : 'invoke'}`;
    case 'bedrock_converse':
      return `/model/${encodeURIComponent(target)}/${stream ? 'converse-stream' : 'converse'}`;
    case 'vertex_anthropic':
      return `/models/${target}:${stream ? 'streamRawPredict' : 'rawPredict'}`;
    case 'vertex_gemini':
    case 'gemini':
      return `/models/${target}:${stream ? 'streamGenerateContent' : 'generateContent'}`;
    default:
      return {
        openai: '/chat/completions',
        azure_openai: '/chat/completions',
        anthropic: '/messages',
        openai_responses: '/responses',
      }[provider] as string;
  }
}
