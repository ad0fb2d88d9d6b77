// OpenAI Responses `POST /v1/responses`: response objects and the full semantic event stream.
import { nowSeconds, splitText } from './content.ts';
import { type OpenAiCache, openaiCache, promptBlocks } from './openai-cache.ts';
import { requireModel } from './openai-chat.ts';
import { type Conversation, type Plan, planReply, type ToolChoice, type ToolDef } from './plan.ts';
import { checkStoredState, rememberResponse } from './responses-state.ts';
import { eventFrame } from './sse.ts';
import type { Reply, Route, RunContext, SseFrame } from './types.ts';
import { asArray, asObject, asString, contentText, type JsonObject } from './values.ts';

function addTools(list: unknown, tools: ToolDef[], namespace?: string): void {
  for (const item of asArray(list)) {
    const tool = asObject(item);
    const name = asString(tool?.name);
    if (tool?.type === 'namespace' && name) addTools(tool.tools, tools, name);
    else if (tool?.type === 'function' && name)
      tools.push({ name, schema: asObject(tool.parameters), namespace });
    else if (tool?.type === 'custom' && name)
      tools.push({ name, schema: undefined, kind: 'custom', namespace });
  }
}

/** Function and freeform tools, also inside namespaces and `additional_tools` items. */
function readTools(body: JsonObject): ToolDef[] {
  const tools: ToolDef[] = [];
  addTools(body.tools, tools);
  for (const item of asArray(body.input)) {
    if (asObject(item)?.type === 'additional_tools') addTools(asObject(item)?.tools, tools);
  }
  return tools;
}

const TOOL_OUTPUTS = new Set(['function_call_output', 'custom_tool_call_output']);

function readToolChoice(value: unknown): ToolChoice {
  if (value === 'none' || value === 'required') return value;
  const name = asString(asObject(value)?.name);
  return name ? { name } : 'auto';
}

function readConversation(body: JsonObject, model: string): Conversation {
  let prompt = typeof body.input === 'string' ? body.input : '';
  let inputChars = prompt.length + (asString(body.instructions)?.length ?? 0);
  const items = asArray(body.input);
  for (const entry of items) {
    const item = asObject(entry);
    const text = TOOL_OUTPUTS.has(String(item?.type))
      ? contentText(item?.output)
      : contentText(item?.content);
    inputChars += text.length;
    if (item?.role === 'user' && text) prompt = text;
  }
  const last = asObject(items.at(-1));
  const tools = readTools(body);
  if (tools.length > 0) inputChars += JSON.stringify(body.tools).length;
  const effort = asObject(body.reasoning)?.effort;
  return {
    model,
    prompt,
    toolResult: TOOL_OUTPUTS.has(String(last?.type)) ? contentText(last?.output) : undefined,
    inputChars,
    tools,
    toolChoice: readToolChoice(body.tool_choice),
    parallelTools: body.parallel_tool_calls !== false,
    reasoning: asObject(body.reasoning) !== undefined && effort !== 'none',
  };
}

interface Items {
  reasoning: JsonObject | undefined;
  message: JsonObject | undefined;
  calls: JsonObject[];
}

/** Stands in for the opaque reasoning state the real API hands out when asked to (`include`). */
const encryptedReasoning = (seq: number) => Buffer.from(`mock-encrypted-reasoning-${seq}`).toString('base64');

function reasoningItem(plan: Plan, seq: number, encrypted: boolean): JsonObject | undefined {
  if (!plan.reasoning) return undefined;
  const item: JsonObject = {
    id: `rs_mock_${seq}`,
    type: 'reasoning',
    summary: [{ type: 'summary_text', text: plan.reasoning }],
  };
  if (encrypted) item.encrypted_content = encryptedReasoning(seq);
  return item;
}

function outputItems(plan: Plan, seq: number, encrypted: boolean): Items {
  const text = { type: 'output_text', text: plan.text, annotations: [], logprobs: [] };
  return {
    reasoning: reasoningItem(plan, seq, encrypted),
    message: plan.text
      ? { id: `msg_mock_${seq}`, type: 'message', status: 'completed', role: 'assistant', content: [text] }
      : undefined,
    calls: plan.calls.map((call) => {
      const ns = call.namespace === undefined ? {} : { namespace: call.namespace };
      const callId = `call_mock_${seq}_${call.index}`;
      return call.kind === 'custom'
        ? {
            id: `ctc_mock_${seq}_${call.index}`,
            type: 'custom_tool_call',
            call_id: callId,
            name: call.name,
            ...ns,
            input: call.arguments,
          }
        : {
            id: `fc_mock_${seq}_${call.index}`,
            type: 'function_call',
            status: 'completed',
            call_id: callId,
            name: call.name,
            ...ns,
            arguments: call.arguments,
          };
    }),
  };
}

interface Done {
  plan: Plan;
  output: JsonObject[];
  cache: OpenAiCache;
}

function responseObject(body: JsonObject, model: string, ctx: RunContext, done?: Done) {
  const reasoning = asObject(body.reasoning);
  const usage = done && {
    input_tokens: done.plan.inputTokens,
    input_tokens_details: { cached_tokens: done.cache.read, cache_write_tokens: done.cache.write },
    output_tokens: done.plan.outputTokens,
    output_tokens_details: { reasoning_tokens: done.plan.reasoningTokens },
    total_tokens: done.plan.inputTokens + done.plan.outputTokens,
  };
  return {
    id: `resp_mock_${ctx.seq}`,
    object: 'response',
    created_at: nowSeconds(),
    status: done ? 'completed' : 'in_progress',
    completed_at: done ? nowSeconds() : null,
    error: null,
    incomplete_details: null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model,
    output: done?.output ?? [],
    parallel_tool_calls: body.parallel_tool_calls !== false,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: reasoning?.effort ?? null, summary: reasoning?.summary ?? null },
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: body.text ?? { format: { type: 'text' } },
    tool_choice: body.tool_choice ?? 'auto',
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? 'disabled',
    usage: usage ?? null,
    user: null,
    metadata: body.metadata ?? {},
  };
}

interface Answer {
  plan: Plan;
  items: Items;
  cache: OpenAiCache;
}

function streamFrames(body: JsonObject, model: string, answer: Answer, ctx: RunContext): SseFrame[] {
  const { plan, items } = answer;
  const frames: SseFrame[] = [];
  let sequence = 0;
  const emit = (type: string, fields: JsonObject, paced = false) => {
    frames.push(eventFrame(type, JSON.stringify({ type, ...fields, sequence_number: sequence++ }), paced));
  };
  const output: JsonObject[] = [];
  emit('response.created', { response: responseObject(body, model, ctx) });
  emit('response.in_progress', { response: responseObject(body, model, ctx) });
  if (items.reasoning) {
    const item_id = items.reasoning.id;
    const at = { item_id, output_index: output.length, summary_index: 0 };
    emit('response.output_item.added', {
      output_index: at.output_index,
      item: { id: item_id, type: 'reasoning', summary: [] },
    });
    emit('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
    for (const delta of splitText(plan.reasoning, 3))
      emit('response.reasoning_summary_text.delta', { ...at, delta }, true);
    emit('response.reasoning_summary_text.done', { ...at, text: plan.reasoning });
    emit('response.reasoning_summary_part.done', {
      ...at,
      part: { type: 'summary_text', text: plan.reasoning },
    });
    emit('response.output_item.done', { output_index: at.output_index, item: items.reasoning });
    output.push(items.reasoning);
  }
  if (items.message) {
    const at = { item_id: items.message.id, output_index: output.length, content_index: 0 };
    const opening = { ...items.message, status: 'in_progress', content: [] };
    emit('response.output_item.added', { output_index: at.output_index, item: opening });
    const emptyPart = { type: 'output_text', text: '', annotations: [], logprobs: [] };
    emit('response.content_part.added', { ...at, part: emptyPart });
    for (const delta of splitText(plan.text, ctx.settings.chunks)) {
      emit('response.output_text.delta', { ...at, delta, logprobs: [] }, true);
    }
    emit('response.output_text.done', { ...at, text: plan.text, logprobs: [] });
    emit('response.content_part.done', { ...at, part: { ...emptyPart, text: plan.text } });
    emit('response.output_item.done', { output_index: at.output_index, item: items.message });
    output.push(items.message);
  }
  for (const call of items.calls) {
    const at = { item_id: call.id, output_index: output.length };
    const custom = call.type === 'custom_tool_call';
    const args = String(custom ? call.input : call.arguments);
    const opening = custom ? { ...call, input: '' } : { ...call, status: 'in_progress', arguments: '' };
    emit('response.output_item.added', { output_index: at.output_index, item: opening });
    const kind = custom ? 'response.custom_tool_call_input' : 'response.function_call_arguments';
    for (const delta of splitText(args, 3)) emit(`${kind}.delta`, { ...at, delta }, true);
    if (custom) emit(`${kind}.done`, { ...at, input: args });
    else emit(`${kind}.done`, { ...at, name: call.name, arguments: args });
    emit('response.output_item.done', { output_index: at.output_index, item: call });
    output.push(call);
  }
  const done = { plan, output, cache: answer.cache };
  emit('response.completed', { response: responseObject(body, model, ctx, done) });
  return frames;
}

function cacheFor(body: JsonObject, model: string, plan: Plan, ctx: RunContext): OpenAiCache {
  const head = [body.tools, body.instructions].filter((v) => v !== undefined && v !== null);
  const input = typeof body.input === 'string' ? [{ content: body.input }] : asArray(body.input);
  const prompt = promptBlocks(
    head.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))),
    input,
  );
  const key = asString(body.prompt_cache_key);
  return openaiCache(model, prompt, key, plan.inputTokens, (k) => ctx.cache.hit(k));
}

export const responsesRoute: Route = {
  path: 'responses',
  method: 'POST',
  protocol: 'responses',
  prepare(req) {
    const body = req.json ?? {};
    const model = requireModel(req.json);
    checkStoredState(req.provider, body);
    const conversation = readConversation(body, model);
    return {
      model,
      prompt: conversation.prompt,
      run(ctx): Reply {
        const plan = planReply(conversation, ctx.settings);
        const encrypted = asArray(body.include).includes('reasoning.encrypted_content');
        const items = outputItems(plan, ctx.seq, encrypted);
        const cache = cacheFor(body, model, plan, ctx);
        const all = [items.reasoning, items.message, ...items.calls].filter((i) => i !== undefined);
        rememberResponse(req.provider, body, `resp_mock_${ctx.seq}`, all);
        if (body.stream === true) {
          return { kind: 'sse', frames: streamFrames(body, model, { plan, items, cache }, ctx) };
        }
        const response = responseObject(body, model, ctx, { plan, output: all, cache });
        return { kind: 'json', status: 200, body: JSON.stringify(response) };
      },
    };
  },
};
