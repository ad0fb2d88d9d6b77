// Amazon Bedrock runtime: InvokeModel (Claude, JSON and event stream) and Converse/ConverseStream, behind Bearer or SigV4 auth.

import { streamFrames as anthropicFrames, messageJson } from './anthropic-messages.ts';
import { cacheUsage, readConversation } from './anthropic-request.ts';
import { splitText } from './content.ts';
import { UpstreamError } from './errors.ts';
import { chunkEvent, converseEvent } from './event-stream.ts';
import { type Conversation, type Plan, planReply, type ToolChoice, type ToolDef } from './plan.ts';
import { verifySigV4 } from './sigv4.ts';
import type { MockRequest, Reply, Route, RunContext, SseFrame } from './types.ts';
import { asArray, asObject, asString, type JsonObject } from './values.ts';

export type BedrockOperation = 'invoke' | 'invoke-with-response-stream' | 'converse' | 'converse-stream';
const OPERATIONS = new Set<string>(['invoke', 'invoke-with-response-stream', 'converse', 'converse-stream']);
const EVENT_STREAM = 'application/vnd.amazon.eventstream';

/** `…/model/<id>/<operation>` → the model id, the operation and where the provider prefix ends. */
export function bedrockCall(
  segments: string[],
): { model: string; operation: BedrockOperation; at: number } | undefined {
  const n = segments.length;
  if (n < 3 || segments[n - 3] !== 'model' || !OPERATIONS.has(segments[n - 1] ?? '')) return undefined;
  return {
    model: decodeURIComponent(segments[n - 2] ?? ''),
    operation: segments[n - 1] as BedrockOperation,
    at: n - 3,
  };
}

/** Bedrock takes a Bedrock API key as a bearer token, or a SigV4 signature made with access keys. */
function requireAuth(req: MockRequest): void {
  const auth = req.headers.authorization ?? '';
  if (/^Bearer\s+\S+/i.test(auth)) return;
  if (!auth) throw new UpstreamError(403, 'Missing Authentication Token');
  const reason = verifySigV4(
    { method: req.method, url: req.url, headers: req.headers, body: req.raw },
    'bedrock',
  );
  if (reason) throw new UpstreamError(403, reason);
}

function modelOf(req: MockRequest): string {
  return bedrockCall(req.path.split('/').filter(Boolean))?.model ?? '';
}

const frame = (bytes: Buffer, paced = false): SseFrame => ({ text: bytes, paced });

function invokeRoute(stream: boolean): Route {
  return {
    path: stream ? 'bedrock:invoke-with-response-stream' : 'bedrock:invoke',
    method: 'POST',
    protocol: 'bedrock',
    prepare(req) {
      requireAuth(req);
      const body = req.json ?? {};
      if (body.anthropic_version !== 'bedrock-2023-05-31') {
        throw new UpstreamError(
          400,
          'Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.',
        );
      }
      for (const field of ['model', 'stream']) {
        if (field in body)
          throw new UpstreamError(
            400,
            `Malformed input request: #: extraneous key [${field}] is not permitted, please reformat your input and try again.`,
          );
      }
      const model = modelOf(req);
      // The Anthropic reader wants the model in the body; Bedrock has it in the URL.
      const conversation = readConversation({ ...req, json: { ...body, model } });
      return {
        model,
        prompt: conversation.prompt,
        run(ctx): Reply {
          const plan = planReply(conversation, ctx.settings);
          const cache = cacheUsage(req, (key) => ctx.cache.hit(key));
          if (!stream) return { kind: 'json', status: 200, body: messageJson(model, plan, ctx, cache) };
          const frames = anthropicFrames(model, plan, ctx, cache).map((f) => {
            const data = /data: (.*)\n\n$/s.exec(String(f.text))?.[1] ?? '{}';
            return frame(chunkEvent(data), f.paced);
          });
          return { kind: 'sse', frames, contentType: EVENT_STREAM };
        },
      };
    },
  };
}

const CONVERSE_FIELDS = new Set([
  'messages',
  'system',
  'inferenceConfig',
  'toolConfig',
  'additionalModelRequestFields',
  'guardrailConfig',
  'promptVariables',
  'requestMetadata',
  'performanceConfig',
]);

function blockText(blocks: unknown): string {
  return asArray(blocks)
    .map((b) => asString(asObject(b)?.text) ?? '')
    .join('');
}

function readConverse(body: JsonObject, model: string): Conversation {
  for (const key of Object.keys(body)) {
    if (!CONVERSE_FIELDS.has(key))
      throw new UpstreamError(400, `Malformed input request: extraneous key [${key}] is not permitted`);
  }
  const messages = asArray(body.messages).map(asObject);
  if (messages.length === 0) throw new UpstreamError(400, 'A conversation must start with a user message.');
  let prompt = '';
  let inputChars = blockText(body.system).length;
  let toolResult: string | undefined;
  for (const m of messages) {
    const role = asString(m?.role);
    if (role !== 'user' && role !== 'assistant')
      throw new UpstreamError(400, `Invalid role ${JSON.stringify(role)}`);
    const text = blockText(m?.content);
    inputChars += text.length;
    const results = asArray(m?.content)
      .map((b) => asObject(asObject(b)?.toolResult))
      .filter(Boolean);
    toolResult =
      role === 'user' && results.length > 0
        ? results.map((r) => blockText(r?.content)).join('\n')
        : undefined;
    if (role === 'user' && text) prompt = text;
  }
  const config = asObject(body.toolConfig);
  const tools: ToolDef[] = asArray(config?.tools)
    .map((t) => asObject(asObject(t)?.toolSpec))
    .filter((s): s is JsonObject => !!s && typeof s.name === 'string')
    .map((s) => ({ name: String(s.name), schema: asObject(asObject(s.inputSchema)?.json) }));
  const choice = asObject(config?.toolChoice);
  const toolChoice: ToolChoice = choice?.any
    ? 'required'
    : asObject(choice?.tool)
      ? { name: String(asObject(choice?.tool)?.name) }
      : 'auto';
  const thinking = asObject(asObject(body.additionalModelRequestFields)?.thinking);
  return {
    model,
    prompt,
    toolResult,
    inputChars,
    tools,
    toolChoice,
    parallelTools: true,
    reasoning: thinking?.type === 'enabled',
  };
}

const toolUseId = (seq: number, i: number) => `tooluse_mock_${seq}_${i}`;
const reasoningSignature = (seq: number) => Buffer.from(`mock-bedrock-reasoning-${seq}`).toString('base64');

interface ConverseCache {
  read: number;
  write: number;
}

/** Converse caches what comes before its last `cachePoint` block: written the first time, read afterwards. */
function converseCache(body: JsonObject, model: string, hit: (key: string) => boolean): ConverseCache {
  const blocks: unknown[] = [...asArray(body.system)];
  for (const m of asArray(body.messages)) blocks.push(...asArray(asObject(m)?.content));
  const last = blocks.map((b) => asObject(b)?.cachePoint !== undefined).lastIndexOf(true);
  if (last < 0) return { read: 0, write: 0 };
  const prefix = JSON.stringify(blocks.slice(0, last));
  const n = Math.ceil(prefix.length / 4);
  return hit(`bedrock:${model}\n${prefix}`) ? { read: n, write: 0 } : { read: 0, write: n };
}

function converseUsage(plan: Plan, cache: ConverseCache): JsonObject {
  // Converse's inputTokens leave out what was read from or written to the cache, as Anthropic's do.
  const input = Math.max(1, plan.inputTokens - cache.read - cache.write);
  const total = input + cache.read + cache.write + plan.outputTokens;
  const usage: JsonObject = { inputTokens: input, outputTokens: plan.outputTokens, totalTokens: total };
  if (cache.read > 0) usage.cacheReadInputTokens = cache.read;
  if (cache.write > 0) usage.cacheWriteInputTokens = cache.write;
  return usage;
}

function converseJson(plan: Plan, ctx: RunContext, cache: ConverseCache): string {
  const content: JsonObject[] = [];
  if (plan.reasoning)
    content.push({
      reasoningContent: { reasoningText: { text: plan.reasoning, signature: reasoningSignature(ctx.seq) } },
    });
  if (plan.text) content.push({ text: plan.text });
  for (const call of plan.calls) {
    content.push({
      toolUse: {
        toolUseId: toolUseId(ctx.seq, call.index),
        name: call.name,
        input: JSON.parse(call.arguments),
      },
    });
  }
  return JSON.stringify({
    output: { message: { role: 'assistant', content } },
    stopReason: plan.calls.length > 0 ? 'tool_use' : 'end_turn',
    usage: converseUsage(plan, cache),
    metrics: { latencyMs: 1 },
  });
}

function converseFrames(plan: Plan, ctx: RunContext, cache: ConverseCache): SseFrame[] {
  const frames = [frame(converseEvent('messageStart', { role: 'assistant' }))];
  let index = 0;
  if (plan.reasoning) {
    for (const text of splitText(plan.reasoning, 3)) {
      frames.push(
        frame(
          converseEvent('contentBlockDelta', {
            contentBlockIndex: index,
            delta: { reasoningContent: { text } },
          }),
          true,
        ),
      );
    }
    frames.push(
      frame(
        converseEvent('contentBlockDelta', {
          contentBlockIndex: index,
          delta: { reasoningContent: { signature: reasoningSignature(ctx.seq) } },
        }),
      ),
    );
    frames.push(frame(converseEvent('contentBlockStop', { contentBlockIndex: index++ })));
  }
  if (plan.text) {
    for (const text of splitText(plan.text, ctx.settings.chunks)) {
      frames.push(
        frame(converseEvent('contentBlockDelta', { contentBlockIndex: index, delta: { text } }), true),
      );
    }
    frames.push(frame(converseEvent('contentBlockStop', { contentBlockIndex: index++ })));
  }
  for (const call of plan.calls) {
    const start = { toolUse: { toolUseId: toolUseId(ctx.seq, call.index), name: call.name } };
    frames.push(frame(converseEvent('contentBlockStart', { contentBlockIndex: index, start })));
    for (const input of splitText(call.arguments, 3)) {
      frames.push(
        frame(
          converseEvent('contentBlockDelta', { contentBlockIndex: index, delta: { toolUse: { input } } }),
          true,
        ),
      );
    }
    frames.push(frame(converseEvent('contentBlockStop', { contentBlockIndex: index++ })));
  }
  frames.push(
    frame(converseEvent('messageStop', { stopReason: plan.calls.length > 0 ? 'tool_use' : 'end_turn' })),
  );
  frames.push(
    frame(converseEvent('metadata', { usage: converseUsage(plan, cache), metrics: { latencyMs: 1 } })),
  );
  return frames;
}

function converseRoute(stream: boolean): Route {
  return {
    path: stream ? 'bedrock:converse-stream' : 'bedrock:converse',
    method: 'POST',
    protocol: 'bedrock',
    prepare(req) {
      requireAuth(req);
      const model = modelOf(req);
      const conversation = readConverse(req.json ?? {}, model);
      return {
        model,
        prompt: conversation.prompt,
        run(ctx): Reply {
          const plan = planReply(conversation, ctx.settings);
          const cache = converseCache(req.json ?? {}, model, (key) => ctx.cache.hit(key));
          if (stream)
            return { kind: 'sse', frames: converseFrames(plan, ctx, cache), contentType: EVENT_STREAM };
          return { kind: 'json', status: 200, body: converseJson(plan, ctx, cache) };
        },
      };
    },
  };
}

export const BEDROCK_ROUTES: Readonly<Record<BedrockOperation, Route>> = {
  invoke: invokeRoute(false),
  'invoke-with-response-stream': invokeRoute(true),
  converse: converseRoute(false),
  'converse-stream': converseRoute(true),
};
