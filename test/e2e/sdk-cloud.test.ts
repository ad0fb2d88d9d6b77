// The cloud providers through wrangler dev and the mock: Azure OpenAI, Bedrock (SigV4 and API keys; Claude and Converse), Vertex AI (Gemini and Claude).
import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import {
  expectedSignature,
  MOCK_AWS_ACCESS_KEY_ID,
  MOCK_AWS_SECRET_ACCESS_KEY,
} from '../mock-upstream/sigv4.ts';
import { echoOf, TOOL_PROMPT, WEATHER_TOOL } from './support/conformance-fixtures.ts';
import { type Received, SDK_TIMEOUT_MS } from './support/conformance-gateway.ts';
import { adminCall, gatewayUrl, mockUrl, plantSecret, unique } from './support/gateway.ts';

interface CloudPair {
  model: string;
  target: string;
  key: string;
  provider: string;
  openai: OpenAI;
  anthropic: Anthropic;
  gemini: GoogleGenAI;
  received(): Promise<Received[]>;
}

const AWS_KEYS = JSON.stringify({
  access_key_id: MOCK_AWS_ACCESS_KEY_ID,
  secret_access_key: MOCK_AWS_SECRET_ACCESS_KEY,
});

async function received(provider: string): Promise<Received[]> {
  const res = await fetch(`${mockUrl()}/__mock/requests?provider=${encodeURIComponent(provider)}`);
  const { requests } = (await res.json()) as { requests: (Received & { body: string })[] };
  const parse = (text: string) => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return {}; // the token exchange is form-encoded
    }
  };
  return requests.map((r) => ({ ...r, body: parse(r.body) }));
}

async function cloudPair(
  protocol: string,
  baseUrl: (name: string) => string,
  apiKey: (name: string) => Promise<string> | string,
  extra: Record<string, unknown> = {},
): Promise<CloudPair> {
  const model = unique('cloud-model');
  const provider = unique('cloud-prov');
  const target = extra.target ? String(extra.target) : `${provider}-target`;
  await adminCall('POST', '/models', { requested_model: model });
  const secret = await apiKey(provider);
  plantSecret(secret);
  const p = await adminCall('POST', '/providers', {
    name: provider,
    protocol,
    base_url: baseUrl(provider),
    api_key: secret,
    provider_options: extra.options,
  });
  await adminCall('POST', '/model-providers', {
    requested_model: model,
    provider_id: p.id,
    target_model_name: target,
  });
  const key = (await adminCall('POST', '/api-keys', { key_name: unique('cloud-key') })).key_value as string;
  plantSecret(key);
  return {
    model,
    target,
    key,
    provider,
    openai: new OpenAI({
      baseURL: `${gatewayUrl()}/v1`,
      apiKey: key,
      maxRetries: 0,
      timeout: SDK_TIMEOUT_MS,
    }),
    anthropic: new Anthropic({ baseURL: gatewayUrl(), apiKey: key, maxRetries: 0, timeout: SDK_TIMEOUT_MS }),
    gemini: new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: gatewayUrl(), timeout: SDK_TIMEOUT_MS } }),
    received: () => received(provider),
  };
}

const hello = (text: string) => [{ role: 'user' as const, content: text }];
const bedrockBase = (name: string) => `${mockUrl()}/p/${name}`;
const vertexBase = (publisher: string) => (name: string) =>
  `${mockUrl()}/p/${name}/v1/projects/mock-project/locations/us-east5/publishers/${publisher}`;

async function serviceAccount(provider: string): Promise<string> {
  const res = await fetch(
    `${mockUrl()}/__mock/vertex/service-account?provider=${provider}&origin=${encodeURIComponent(mockUrl())}`,
  );
  return JSON.stringify(await res.json());
}

describe('the mock verifies SigV4 as AWS does', () => {
  const vanilla = (method: string) => ({
    method,
    url: '/',
    headers: { host: 'example.amazonaws.com', 'x-amz-date': '20150830T123600Z' },
    body: Buffer.alloc(0),
  });
  const scope = { date: '20150830', region: 'us-east-1', service: 'service' };
  const secret = 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY';

  it('reproduces the get-vanilla and post-vanilla known answers of the AWS test suite', () => {
    const signed = ['host', 'x-amz-date'];
    expect(expectedSignature(vanilla('GET'), secret, scope, signed, '20150830T123600Z')).toBe(
      '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(expectedSignature(vanilla('POST'), secret, scope, signed, '20150830T123600Z')).toBe(
      '5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b',
    );
  });
});

describe('Azure OpenAI (v1 API)', () => {
  it('takes the deployment as the model and the key in api-key, chat and stream', async () => {
    const pair = await cloudPair(
      'azure_openai',
      (n) => `${mockUrl()}/p/${n}/openai/v1`,
      (n) => `azure-key-${n}`,
    );
    const res = await pair.openai.chat.completions.create({ model: pair.model, messages: hello('Hi Azure') });
    expect(res.choices[0]?.message.content).toBe(echoOf('Hi Azure'));
    const final = await pair.openai.chat.completions
      .stream({ model: pair.model, messages: hello('Hi Azure') })
      .finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(echoOf('Hi Azure'));
    const [sent] = await pair.received();
    expect(sent?.path).toBe(`/p/${pair.provider}/openai/v1/chat/completions`);
    expect(sent?.headers['api-key']).toBe(`azure-key-${pair.provider}`);
    expect(sent?.headers.authorization).toBeUndefined();
    expect(sent?.body.model).toBe(pair.target);
  });

  it('sends an Entra ID token (a JWT) as a bearer token instead of api-key', async () => {
    const entra = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from('{"aud":"cognitiveservices"}').toString('base64url')}.c2ln`;
    const pair = await cloudPair(
      'azure_openai',
      (n) => `${mockUrl()}/p/${n}/openai/v1`,
      () => entra,
    );
    const res = await pair.openai.chat.completions.create({ model: pair.model, messages: hello('Hi Entra') });
    expect(res.choices[0]?.message.content).toBe(echoOf('Hi Entra'));
    const [sent] = await pair.received();
    expect(sent?.headers.authorization).toBe(`Bearer ${entra}`);
    expect(sent?.headers['api-key']).toBeUndefined();
  });
});

describe('Amazon Bedrock (Claude, InvokeModel)', () => {
  it('signs with SigV4 from access keys: the Anthropic SDK gets the answer, streamed too (event stream decoded)', async () => {
    const pair = await cloudPair('bedrock_anthropic', bedrockBase, () => AWS_KEYS, {
      target: 'anthropic.claude-sonnet-4-5-v1:0',
      options: { region: 'eu-west-3' },
    });
    const msg = await pair.anthropic.messages.create({
      model: pair.model,
      max_tokens: 200,
      messages: hello('Hi Bedrock'),
    });
    expect(msg.content).toEqual([{ type: 'text', text: echoOf('Hi Bedrock') }]);
    const final = await pair.anthropic.messages
      .stream({ model: pair.model, max_tokens: 200, messages: hello('Hi Bedrock') })
      .finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: echoOf('Hi Bedrock') }]);
    expect(final.usage.output_tokens).toBeGreaterThan(0);
    const [first, second] = await pair.received();
    expect(first?.path).toBe(`/p/${pair.provider}/model/anthropic.claude-sonnet-4-5-v1%3A0/invoke`);
    expect(second?.path).toMatch(/\/invoke-with-response-stream$/);
    expect(String(first?.headers.authorization)).toMatch(
      new RegExp(
        `^AWS4-HMAC-SHA256 Credential=${MOCK_AWS_ACCESS_KEY_ID}/\\d{8}/eu-west-3/bedrock/aws4_request`,
      ),
    );
    expect(first?.body).toMatchObject({ anthropic_version: 'bedrock-2023-05-31', max_tokens: 200 });
    expect(first?.body.model).toBeUndefined();
  });

  it('a wrong secret is refused by the mock and reaches the client as a 403', async () => {
    const wrong = JSON.stringify({
      access_key_id: MOCK_AWS_ACCESS_KEY_ID,
      secret_access_key: 'not-the-secret',
    });
    const pair = await cloudPair('bedrock_anthropic', bedrockBase, () => wrong);
    const request = pair.anthropic.messages.create({
      model: pair.model,
      max_tokens: 50,
      messages: hello('Hi'),
    });
    await expect(request).rejects.toMatchObject({
      status: 403,
      message: expect.stringContaining('signature we calculated does not match'),
    });
  });

  it('a Bedrock API key goes as a bearer token; the OpenAI SDK reaches Claude on Bedrock', async () => {
    const pair = await cloudPair('bedrock_anthropic', bedrockBase, (n) => `ABSKbedrock-api-key-${n}`);
    const res = await pair.openai.chat.completions.create({
      model: pair.model,
      messages: hello('Hi from OpenAI'),
    });
    expect(res.choices[0]?.message.content).toBe(echoOf('Hi from OpenAI'));
    const [sent] = await pair.received();
    expect(sent?.headers.authorization).toBe(`Bearer ABSKbedrock-api-key-${pair.provider}`);
  });
});

describe('Amazon Bedrock (Converse)', () => {
  const tool = {
    type: 'function' as const,
    function: { name: WEATHER_TOOL.name, parameters: WEATHER_TOOL.schema },
  };

  it('chat, stream and a tool call through Converse and ConverseStream', async () => {
    const pair = await cloudPair('bedrock_converse', bedrockBase, () => AWS_KEYS, {
      target: 'meta.llama3-70b-instruct-v1:0',
    });
    const res = await pair.openai.chat.completions.create({
      model: pair.model,
      messages: hello('Hi Converse'),
    });
    expect(res.choices[0]?.message.content).toBe(echoOf('Hi Converse'));
    expect(res.usage?.prompt_tokens).toBeGreaterThan(0);
    const final = await pair.openai.chat.completions
      .stream({ model: pair.model, messages: hello('Hi Converse'), stream_options: { include_usage: true } })
      .finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(echoOf('Hi Converse'));
    expect(final.usage?.completion_tokens).toBeGreaterThan(0);
    const called = await pair.openai.chat.completions.create({
      model: pair.model,
      messages: hello(TOOL_PROMPT),
      tools: [tool],
    });
    const call = called.choices[0]?.message.tool_calls?.[0];
    expect(called.choices[0]?.finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && [call.function.name, JSON.parse(call.function.arguments)]).toEqual([
      WEATHER_TOOL.name,
      { city: TOOL_PROMPT },
    ]);
    const sent = await pair.received();
    expect(sent.map((r) => r.path.split('/').at(-1))).toEqual(['converse', 'converse-stream', 'converse']);
    expect(sent[2]?.body.toolConfig).toEqual({
      tools: [{ toolSpec: { name: WEATHER_TOOL.name, inputSchema: { json: WEATHER_TOOL.schema } } }],
    });
  });

  it('the Anthropic SDK streams through ConverseStream', async () => {
    const pair = await cloudPair('bedrock_converse', bedrockBase, () => AWS_KEYS);
    const final = await pair.anthropic.messages
      .stream({ model: pair.model, max_tokens: 100, messages: hello('Hi again') })
      .finalMessage();
    expect(final.content).toEqual([{ type: 'text', text: echoOf('Hi again') }]);
    expect(final.stop_reason).toBe('end_turn');
  });
});

describe('Google Vertex AI', () => {
  it('Gemini: the service account buys one token (verified by the mock), cached for the next requests', async () => {
    const pair = await cloudPair('vertex_gemini', vertexBase('google'), serviceAccount, {
      target: 'gemini-2.5-flash',
    });
    const res = await pair.openai.chat.completions.create({
      model: pair.model,
      messages: hello('Hi Vertex'),
    });
    expect(res.choices[0]?.message.content).toBe(echoOf('Hi Vertex'));
    const answer = await pair.gemini.models.generateContent({ model: pair.model, contents: 'Hi Vertex' });
    expect(answer.text).toBe(echoOf('Hi Vertex'));
    const paths = (await pair.received()).map((r) => r.path);
    expect(paths.filter((p) => p.endsWith('/token'))).toHaveLength(1);
    expect(
      paths.filter((p) => p.endsWith('/publishers/google/models/gemini-2.5-flash:generateContent')),
    ).toHaveLength(2);
  });

  it('Claude: rawPredict and streamRawPredict with the Vertex version in the body', async () => {
    const pair = await cloudPair('vertex_anthropic', vertexBase('anthropic'), serviceAccount, {
      target: 'claude-sonnet-4-5@20250929',
    });
    const msg = await pair.anthropic.messages.create({
      model: pair.model,
      max_tokens: 100,
      messages: hello('Hi Claude on Vertex'),
    });
    expect(msg.content).toEqual([{ type: 'text', text: echoOf('Hi Claude on Vertex') }]);
    const final = await pair.openai.chat.completions
      .stream({ model: pair.model, messages: hello('Hi Claude on Vertex') })
      .finalChatCompletion();
    expect(final.choices[0]?.message.content).toBe(echoOf('Hi Claude on Vertex'));
    const sent = (await pair.received()).filter((r) => !r.path.endsWith('/token'));
    expect(sent.map((r) => r.path.split('/').at(-1))).toEqual([
      'claude-sonnet-4-5@20250929:rawPredict',
      'claude-sonnet-4-5@20250929:streamRawPredict',
    ]);
    expect(sent[0]?.body).toMatchObject({ anthropic_version: 'vertex-2023-10-16' });
    expect(String(sent[0]?.headers.authorization)).toMatch(/^Bearer ya29\.mock-vertex-/);
  });

  it('refuses a credential that is not a service-account key when the provider is saved', async () => {
    await expect(
      adminCall('POST', '/providers', {
        name: unique('bad-vertex'),
        protocol: 'vertex_gemini',
        base_url:
          'https://us-central1-aiplatform.googleapis.com/v1/projects/p/locations/us-central1/publishers/google',
        api_key: 'not-json',
      }),
    ).rejects.toThrow(/400.*service-account JSON key/);
  });
});
