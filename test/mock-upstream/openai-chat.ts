// OpenAI `POST /v1/chat/completions`: request reading, JSON replies and chunk streams.
import { nowSeconds, splitText } from './content.ts';
import { UpstreamError } from './errors.ts';
import { type OpenAiCache, openaiCache, promptBlocks } from './openai-cache.ts';
import { type Conversation, type Plan, planReply, type ToolChoice, type ToolDef } from './plan.ts';
import { DONE_FRAME, dataFrame } from './sse.ts';
import type { Reply, Route, RunContext, SseFrame } from './types.ts';
import { asArray, asObject, asString, contentText, type JsonObject } from './values.ts';

/** The model field every OpenAI-shaped route requires. */
export function requireModel(body: JsonObject | undefined): string {
  const model = asString(body?.model);
  if (!model) throw new UpstreamError(400, 'you must provide a model parameter');
  return model;
}

function readTools(body: JsonObject): ToolDef[] {
  const tools: ToolDef[] = [];
  for (const item of asArray(body.tools)) {
    const fn = asObject(asObject(item)?.function);
    const name = asString(fn?.name);
    if (name) tools.push({ name, schema: asObject(fn?.parameters) });
  }
  return tools;
}

function readToolChoice(value: unknown): ToolChoice {
  if (value === 'none' || value === 'required') return value;
  const name = asString(asObject(asObject(value)?.function)?.name);
  return name ? { name } : 'auto';
}

/** Providers spell "think first" several ways; any of them turns on reasoning_content. */
function wantsReasoning(body: JsonObject): boolean {
  const effort = asString(body.reasoning_effort);
  if (effort !== undefined) return effort !== 'none' && effort !== 'minimal';
  return (
    asObject(body.reasoning) !== undefined ||
    asObject(body.thinking) !== undefined ||
    body.enable_thinking === true
  );
}

function readConversation(body: JsonObject, model: string): Conversation {
  const messages = asArray(body.messages);
  if (messages.length === 0) throw new UpstreamError(400, "Invalid 'messages': empty array.");
  // As the real API: live web search exists only on the search models.
  if (body.web_search_options !== undefined && !model.includes('search'))
    throw new UpstreamError(400, 'web_search_options is only supported for search models.');
  let prompt = '';
  let inputChars = 0;
  for (const item of messages) {
    const message = asObject(item);
    const text = contentText(message?.content);
    inputChars += text.length;
    if (message?.role === 'user') prompt = text;
  }
  const last = asObject(messages.at(-1));
  const tools = readTools(body);
  if (tools.length > 0) inputChars += JSON.stringify(body.tools).length;
  return {
    model,
    prompt,
    toolResult: last?.role === 'tool' ? contentText(last.content) : undefined,
    inputChars,
    tools,
    toolChoice: readToolChoice(body.tool_choice),
    parallelTools: body.parallel_tool_calls !== false,
    reasoning: wantsReasoning(body),
  };
}

/** Chat usage; cache writes are reported only when an explicit breakpoint wrote something. */
export function chatUsage(plan: Plan, cache: OpenAiCache): JsonObject {
  const details: JsonObject = { cached_tokens: cache.read, audio_tokens: 0 };
  if (cache.write > 0) details.cache_write_tokens = cache.write;
  return {
    prompt_tokens: plan.inputTokens,
    completion_tokens: plan.outputTokens,
    total_tokens: plan.inputTokens + plan.outputTokens,
    prompt_tokens_details: details,
    completion_tokens_details: {
      reasoning_tokens: plan.reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function cacheFor(body: JsonObject, model: string, plan: Plan, ctx: RunContext): OpenAiCache {
  const head = Array.isArray(body.tools) ? [JSON.stringify(body.tools)] : [];
  const prompt = promptBlocks(head, asArray(body.messages));
  const key = asString(body.prompt_cache_key);
  return openaiCache(model, prompt, key, plan.inputTokens, (k) => ctx.cache.hit(k));
}

const callId = (seq: number, index: number) => `call_mock_${seq}_${index}`;

function completionBody(model: string, plan: Plan, ctx: RunContext, cache: OpenAiCache): string {
  const message: JsonObject = {
    role: 'assistant',
    content: plan.calls.length > 0 ? null : plan.text,
    refusal: null,
    annotations: [],
  };
  if (plan.reasoning) message.reasoning_content = plan.reasoning;
  if (plan.calls.length > 0) {
    message.tool_calls = plan.calls.map((call) => ({
      id: callId(ctx.seq, call.index),
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return JSON.stringify({
    id: `chatcmpl-mock-${ctx.seq}`,
    object: 'chat.completion',
    created: nowSeconds(),
    model,
    choices: [
      { index: 0, message, logprobs: null, finish_reason: plan.calls.length > 0 ? 'tool_calls' : 'stop' },
    ],
    usage: chatUsage(plan, cache),
    service_tier: 'default',
    system_fingerprint: 'fp_mock',
  });
}

function streamFrames(model: string, plan: Plan, ctx: RunContext, includeUsage: boolean, cache: OpenAiCache) {
  // Every chunk shares this envelope; only the choice differs, so it is built once per stream.
  const head = `{"id":"chatcmpl-mock-${ctx.seq}","object":"chat.completion.chunk","created":${nowSeconds()},"model":${JSON.stringify(model)},"system_fingerprint":"fp_mock","choices":[`;
  const tail = includeUsage ? '],"usage":null}' : ']}';
  const chunk = (delta: string, paced: boolean, finish = 'null') =>
    dataFrame(`${head}{"index":0,"delta":${delta},"logprobs":null,"finish_reason":${finish}}${tail}`, paced);
  const frames: SseFrame[] = [];
  const hasCalls = plan.calls.length > 0;
  frames.push(chunk(`{"role":"assistant","content":${hasCalls ? 'null' : '""'},"refusal":null}`, false));
  for (const piece of plan.reasoning ? splitText(plan.reasoning, 3) : []) {
    frames.push(chunk(`{"reasoning_content":${JSON.stringify(piece)}}`, true));
  }
  for (const piece of plan.text ? splitText(plan.text, ctx.settings.chunks) : []) {
    frames.push(chunk(`{"content":${JSON.stringify(piece)}}`, true));
  }
  for (const call of plan.calls) {
    const start = { index: call.index, id: callId(ctx.seq, call.index), type: 'function' };
    const opening = { ...start, function: { name: call.name, arguments: '' } };
    frames.push(chunk(`{"tool_calls":[${JSON.stringify(opening)}]}`, true));
    for (const piece of splitText(call.arguments, 3)) {
      const fragment = { index: call.index, function: { arguments: piece } };
      frames.push(chunk(`{"tool_calls":[${JSON.stringify(fragment)}]}`, true));
    }
  }
  frames.push(chunk('{}', false, hasCalls ? '"tool_calls"' : '"stop"'));
  if (includeUsage) {
    frames.push(dataFrame(`${head}],"usage":${JSON.stringify(chatUsage(plan, cache))}}`));
  }
  frames.push(DONE_FRAME);
  return frames;
}

export const chatCompletionsRoute: Route = {
  path: 'chat/completions',
  method: 'POST',
  protocol: 'openai',
  prepare(req) {
    const body = req.json ?? {};
    const model = requireModel(req.json);
    const conversation = readConversation(body, model);
    return {
      model,
      prompt: conversation.prompt,
      run(ctx): Reply {
        const plan = planReply(conversation, ctx.settings);
        const cache = cacheFor(body, model, plan, ctx);
        if (body.stream === true) {
          const includeUsage = asObject(body.stream_options)?.include_usage === true;
          return { kind: 'sse', frames: streamFrames(model, plan, ctx, includeUsage, cache) };
        }
        return { kind: 'json', status: 200, body: completionBody(model, plan, ctx, cache) };
      },
    };
  },
};
