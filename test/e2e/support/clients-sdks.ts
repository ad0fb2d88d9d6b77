// The AI SDK, LangChain and the Agents SDK, each doing a two-turn tool task (call a tool, answer from its result) on one route.
import { createAnthropic } from '@ai-sdk/anthropic';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatAnthropic } from '@langchain/anthropic';
import type { BaseLanguageModelInput } from '@langchain/core/language_models/base';
import type { AIMessageChunk } from '@langchain/core/messages';
import { HumanMessage, ToolMessage } from '@langchain/core/messages';
import { tool as langchainTool } from '@langchain/core/tools';
import { ChatOpenAI } from '@langchain/openai';
import { Agent, tool as agentTool, OpenAIResponsesModel, run, setTracingDisabled } from '@openai/agents';
import { generateText, type LanguageModel, stepCountIs, tool } from 'ai';
import OpenAI from 'openai';
import { expect } from 'vitest';
import { z } from 'zod';
import { mockBodies } from './clients-cli.ts';
import type { Route } from './clients-table.ts';
import { gatewayUrl, setupGateway, unique } from './gateway.ts';

const PROMPT = 'What is the weather in Paris?';
const weather = async ({ city }: { city: string }) => `Sunny in ${city}`;

async function routeSetup(route: Route) {
  // A gpt-5 name: the SDKs treat it as a reasoning model and send their reasoning settings.
  return setupGateway([{ protocol: route }], { requested_model: unique('gpt-5-e2e') });
}

async function aiSdkTask(
  route: Route,
  model: (key: string, name: string) => LanguageModel,
): Promise<{ firstReasoning: string | undefined }> {
  const g = await routeSetup(route);
  const result = await generateText({
    model: model(g.key, g.model),
    tools: {
      weather: tool({
        description: 'The weather in a city',
        inputSchema: z.object({ city: z.string() }),
        execute: weather,
      }),
    },
    stopWhen: stepCountIs(3),
    prompt: PROMPT,
    providerOptions: {
      openai: { forceReasoning: true, reasoningEffort: 'low', reasoningSummary: 'auto' },
      anthropic: { thinking: { type: 'enabled', budgetTokens: 1024 } },
    },
  });
  expect(result.steps).toHaveLength(2);
  expect(result.steps[0]?.toolCalls[0]?.toolName).toBe('weather');
  expect(result.text).toMatch(/^Echo: Sunny in /);
  expect(result.totalUsage.inputTokens).toBeGreaterThan(0);
  // The second step sent the tool result back (on Responses with `store`, earlier items by reference).
  const bodies = await mockBodies(g.providers[0]!.name);
  expect(JSON.stringify(bodies.at(-1))).toContain('Sunny in ');
  return { firstReasoning: result.steps[0]?.reasoningText };
}

/** A fetch that keeps a copy of every request body the SDK sends. */
function recordingFetch(sent: string[]): typeof fetch {
  return async (input, init) => {
    if (typeof init?.body === 'string') sent.push(init.body);
    return fetch(input, init);
  };
}

/**
 * `openai()` talks Responses with `store` on by default: the second step sends the first step's
 * reasoning and message as `item_reference`s, which the gateway resolves from its own store (or
 * the Responses provider from its). The reasoning reaches the app as a summary.
 */
export async function aiSdkResponsesTask(route: Route): Promise<void> {
  const gw = gatewayUrl();
  const sent: string[] = [];
  const result = await aiSdkTask(route, (key, name) =>
    createOpenAI({ baseURL: `${gw}/v1`, apiKey: key, fetch: recordingFetch(sent) })(name),
  );
  expect(sent).toHaveLength(2);
  expect(sent[1]).toContain('"item_reference"');
  expect(result.firstReasoning).toMatch(/^Thinking about/);
}

export async function aiSdkChatTask(route: Route): Promise<void> {
  const gw = gatewayUrl();
  await aiSdkTask(route, (key, name) => createOpenAI({ baseURL: `${gw}/v1`, apiKey: key }).chat(name));
}

export async function aiSdkAnthropicTask(route: Route): Promise<void> {
  const gw = gatewayUrl();
  await aiSdkTask(route, (key, name) => createAnthropic({ baseURL: `${gw}/v1`, apiKey: key })(name));
}

/** What a bound LangChain chat model offers for streaming. */
interface Streams {
  stream(input: BaseLanguageModelInput): Promise<AsyncIterable<AIMessageChunk>>;
}

const lcWeather = langchainTool(weather, {
  name: 'weather',
  description: 'The weather in a city',
  schema: z.object({ city: z.string() }),
});

async function streamed(model: Streams, input: BaseLanguageModelInput) {
  let full: AIMessageChunk | undefined;
  for await (const chunk of await model.stream(input)) full = full ? full.concat(chunk) : chunk;
  if (!full) throw new Error('the stream was empty');
  return full;
}

/** Two streamed turns through LangChain; each reports usage (input tokens) from the stream. */
async function langchainTask(bound: Streams) {
  const question = new HumanMessage(PROMPT);
  const first = await streamed(bound, [question]);
  const call = first.tool_calls?.[0];
  expect(call?.name).toBe('weather');
  expect(first.usage_metadata?.input_tokens).toBeGreaterThan(0);
  const result = await weather(call?.args as { city: string });
  const second = await streamed(bound, [
    question,
    first,
    new ToolMessage({ tool_call_id: call?.id ?? '', content: result }),
  ]);
  expect(second.text).toMatch(/^Echo: Sunny in /);
  expect(second.usage_metadata?.input_tokens).toBeGreaterThan(0);
  expect(second.usage_metadata?.output_tokens).toBeGreaterThan(0);
}

export async function langchainOpenAITask(route: Route): Promise<void> {
  const g = await routeSetup(route);
  const model = new ChatOpenAI({
    model: g.model,
    apiKey: g.key,
    configuration: { baseURL: `${gatewayUrl()}/v1` },
    streamUsage: true,
  });
  await langchainTask(model.bindTools([lcWeather]));
}

export async function langchainAnthropicTask(route: Route): Promise<void> {
  const g = await routeSetup(route);
  const model = new ChatAnthropic({ model: g.model, apiKey: g.key, anthropicApiUrl: gatewayUrl() });
  await langchainTask(model.bindTools([lcWeather]));
}

/** The Agents SDK runs its loop on the Responses API: a tool call, then the answer. */
export async function agentsTask(route: Route): Promise<void> {
  setTracingDisabled(true);
  const g = await routeSetup(route);
  const client = new OpenAI({ baseURL: `${gatewayUrl()}/v1`, apiKey: g.key, maxRetries: 0 });
  const agent = new Agent({
    name: 'weather agent',
    instructions: 'Answer with the weather tool.',
    tools: [
      agentTool({
        name: 'weather',
        description: 'The weather in a city',
        parameters: z.object({ city: z.string() }),
        execute: weather,
      }),
    ],
    model: new OpenAIResponsesModel(client, g.model),
  });
  const result = await run(agent, PROMPT);
  expect(String(result.finalOutput)).toMatch(/^Echo: Sunny in /);
  const bodies = await mockBodies(g.providers[0]!.name);
  expect(bodies).toHaveLength(2);
}
