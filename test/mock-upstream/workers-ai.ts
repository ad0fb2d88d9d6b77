// Cloudflare Workers AI's REST run endpoint (`…/ai/run/<model>`): native `{response}` output, JSON or SSE.
import { splitText } from './content.ts';
import { UpstreamError } from './errors.ts';
import { type Conversation, type Plan, planReply, type ToolDef } from './plan.ts';
import type { Reply, Route, SseFrame } from './types.ts';
import { asArray, asObject, contentText, type JsonObject } from './values.ts';

/** `…/ai/run/@cf/<vendor>/<model>` → the model id and where the provider prefix ends. */
export function workersAiCall(segments: string[]): { model: string; at: number } | undefined {
  const at = segments.findIndex((s, i) => s === 'ai' && segments[i + 1] === 'run');
  if (at < 0 || at + 2 >= segments.length) return undefined;
  return {
    model: segments
      .slice(at + 2)
      .map(decodeURIComponent)
      .join('/'),
    at,
  };
}

const INPUTS = new Set([
  'messages',
  'tools',
  'stream',
  'max_tokens',
  'temperature',
  'top_p',
  'top_k',
  'seed',
  'frequency_penalty',
  'presence_penalty',
  'repetition_penalty',
  'response_format',
  'prompt',
  'raw',
  'lora',
]);

function readInput(body: JsonObject, model: string): Conversation {
  for (const key of Object.keys(body)) {
    if (!INPUTS.has(key))
      throw new UpstreamError(
        400,
        `5006: Error: required properties at '/' are 'messages'; additional property '${key}' is not allowed`,
      );
  }
  if (!model.startsWith('@cf/') && !model.startsWith('@hf/'))
    throw new UpstreamError(400, `5007: No such model ${model} or task`);
  const messages = asArray(body.messages).map(asObject);
  if (messages.length === 0)
    throw new UpstreamError(400, "5006: Error: required properties at '/' are 'messages'");
  let prompt = '';
  let inputChars = 0;
  for (const m of messages) {
    const text = contentText(m?.content);
    inputChars += text.length;
    if (m?.role === 'user') prompt = text;
  }
  const last = messages.at(-1);
  const tools: ToolDef[] = asArray(body.tools)
    .map((t) => asObject(asObject(t)?.function) ?? asObject(t))
    .filter((f): f is JsonObject => typeof f?.name === 'string')
    .map((f) => ({ name: String(f.name), schema: asObject(f.parameters) }));
  return {
    model,
    prompt,
    toolResult: last?.role === 'tool' ? contentText(last.content) : undefined,
    inputChars,
    tools,
    toolChoice: 'auto',
    parallelTools: false,
    reasoning: false,
  };
}

function usage(plan: Plan): JsonObject {
  return {
    prompt_tokens: plan.inputTokens,
    completion_tokens: plan.outputTokens,
    total_tokens: plan.inputTokens + plan.outputTokens,
  };
}

export const workersAiRoute: Route = {
  path: 'workers-ai:run',
  method: 'POST',
  protocol: 'openai',
  prepare(req) {
    const model = workersAiCall(req.path.split('/').filter(Boolean))?.model ?? '';
    const body = req.json ?? {};
    const conversation = readInput(body, model);
    return {
      model,
      prompt: conversation.prompt,
      run(ctx): Reply {
        const plan = planReply(conversation, ctx.settings);
        if (body.stream === true) {
          const frames: SseFrame[] = splitText(plan.text, ctx.settings.chunks).map((response, i) => ({
            text: `data: ${JSON.stringify({ response, p: 'abcdefgh'.slice(0, i % 8) })}\n\n`,
            paced: true,
          }));
          frames.push({
            text: `data: ${JSON.stringify({ response: '', usage: usage(plan) })}\n\n`,
            paced: false,
          });
          frames.push({ text: 'data: [DONE]\n\n', paced: false });
          return { kind: 'sse', frames };
        }
        const result: JsonObject = { response: plan.calls.length > 0 ? null : plan.text, usage: usage(plan) };
        if (plan.calls.length > 0)
          result.tool_calls = plan.calls.map((c) => ({
            name: c.name,
            arguments: JSON.parse(c.arguments) as unknown,
          }));
        return {
          kind: 'json',
          status: 200,
          body: JSON.stringify({ result, success: true, errors: [], messages: [] }),
        };
      },
    };
  },
};
