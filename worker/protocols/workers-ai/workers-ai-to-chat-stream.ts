// Owns Workers AI streamed output (`data: {"response": "…"}` … `[DONE]`) → OpenAI Chat chunks.
import { isObject, nowSeconds, parseJsonObject } from '../shared/json';
import type { JsonObject, SseEvent, StreamConverter } from '../types';

/**
 * Each event's `response` is a text delta; the last carries `usage`. The Chat stream opens with the
 * role chunk, ends with a `stop` finish chunk, the usage chunk (the proxy drops it for clients that did
 * not ask) and `[DONE]`. Models that already stream Chat chunks (`choices`) pass through.
 */
export function createWorkersAiToChatStream(model: string): StreamConverter {
  const id = `chatcmpl-wai-${crypto.randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const created = nowSeconds();
  let started = false;
  let done = false;
  let usage: unknown;
  const chunk = (delta: JsonObject, finish: string | null): SseEvent => ({
    data: JSON.stringify({
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
    }),
  });
  const finish = (): SseEvent[] => {
    if (done) return [];
    done = true;
    const out = started ? [] : [chunk({ role: 'assistant', content: '', refusal: null }, null)];
    out.push(chunk({}, 'stop'));
    out.push({
      data: JSON.stringify({
        id,
        object: 'chat.completion.chunk',
        created,
        model,
        choices: [],
        usage: usage ?? { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      }),
    });
    out.push({ data: '[DONE]' });
    return out;
  };
  return {
    push(event) {
      if (done) return [];
      if (event.data.trim() === '[DONE]') return finish();
      const data = parseJsonObject(event.data, 'Workers AI stream event');
      if (Array.isArray(data.choices)) return [event];
      if (isObject(data.usage)) usage = data.usage;
      const text = typeof data.response === 'string' ? data.response : '';
      if (text === '') return [];
      const out = started ? [] : [chunk({ role: 'assistant', content: '', refusal: null }, null)];
      started = true;
      out.push(chunk({ content: text }, null));
      return out;
    },
    end: finish,
  };
}
