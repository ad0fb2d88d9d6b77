// OpenAI legacy `POST /v1/completions` (text completions, streamed or not) and `GET /v1/models`.
import { echoText, nowSeconds, splitText, tokens } from './content.ts';
import { UpstreamError } from './errors.ts';
import { requireModel } from './openai-chat.ts';
import { DONE_FRAME, dataFrame } from './sse.ts';
import type { Reply, Route, SseFrame } from './types.ts';
import { asArray, asObject } from './values.ts';

/** Model ids the list endpoints return; names only, the mock answers for any model. */
export const MOCK_MODELS = ['mock-model', 'mock-embedding', 'mock-image', 'mock-tts', 'mock-transcribe'];

function promptText(prompt: unknown): string {
  if (typeof prompt === 'string') return prompt;
  const first = asArray(prompt)[0];
  if (typeof first === 'string') return first;
  // Token-id prompts have no text to echo; their length still counts as input.
  return '';
}

export const completionsRoute: Route = {
  path: 'completions',
  method: 'POST',
  protocol: 'openai',
  prepare(req) {
    const body = req.json ?? {};
    const model = requireModel(req.json);
    if (body.prompt === undefined) throw new UpstreamError(400, "Missing required parameter: 'prompt'.");
    const prompt = promptText(body.prompt);
    return {
      model,
      prompt,
      run(ctx): Reply {
        const text = echoText(prompt, ctx.settings.responseBytes);
        const promptTokens = Math.max(1, tokens(JSON.stringify(body.prompt).length));
        const completionTokens = Math.max(1, tokens(text.length));
        const usage = {
          prompt_tokens: promptTokens,
          completion_tokens: completionTokens,
          total_tokens: promptTokens + completionTokens,
        };
        const id = `cmpl-mock-${ctx.seq}`;
        const created = nowSeconds();
        if (body.stream !== true) {
          const choice = { text, index: 0, logprobs: null, finish_reason: 'stop' };
          const json = { id, object: 'text_completion', created, model, choices: [choice], usage };
          return { kind: 'json', status: 200, body: JSON.stringify(json) };
        }
        const includeUsage = asObject(body.stream_options)?.include_usage === true;
        const head = `{"id":"${id}","object":"text_completion","created":${created},"model":${JSON.stringify(model)},"choices":[`;
        const tail = includeUsage ? '],"usage":null}' : ']}';
        const frames: SseFrame[] = splitText(text, ctx.settings.chunks).map((piece) =>
          dataFrame(
            `${head}{"text":${JSON.stringify(piece)},"index":0,"logprobs":null,"finish_reason":null}${tail}`,
            true,
          ),
        );
        frames.push(dataFrame(`${head}{"text":"","index":0,"logprobs":null,"finish_reason":"stop"}${tail}`));
        if (includeUsage) frames.push(dataFrame(`${head}],"usage":${JSON.stringify(usage)}}`));
        frames.push(DONE_FRAME);
        return { kind: 'sse', frames };
      },
    };
  },
};

export const openaiModelsRoute: Route = {
  path: 'models',
  method: 'GET',
  protocol: 'openai',
  prepare() {
    return {
      model: '',
      prompt: '',
      run(): Reply {
        const data = MOCK_MODELS.map((id) => ({
          id,
          object: 'model',
          created: 1_700_000_000,
          owned_by: 'mock',
        }));
        return { kind: 'json', status: 200, body: JSON.stringify({ object: 'list', data }) };
      },
    };
  },
};
