// Owns the Chat chunk stream → legacy `text_completion` chunk stream conversion.

import {
  asArray,
  asObject,
  copyPresent,
  doneEvent,
  isObject,
  jsonEvent,
  optObject,
  optString,
  parseEventData,
} from '../responses/json-fields';
import type { JsonObject, SseEvent, StreamConverter } from '../types';
import { completionFinishReason } from './finish-reason';

class ChatToCompletion implements StreamConverter {
  private done = false;

  push(event: SseEvent): SseEvent[] {
    const chunk = parseEventData(event);
    if (chunk === null || this.done) return [];
    // Both endpoints share the OpenAI error envelope, so an error chunk passes unchanged.
    if (isObject(chunk.error)) return [jsonEvent(chunk)];
    const choices: JsonObject[] = [];
    for (const raw of asArray(chunk.choices ?? [], 'choices')) {
      const choice = asObject(raw, 'choice');
      const delta = optObject(choice.delta, 'delta') ?? {};
      const text = optString(delta.content, 'delta.content') ?? '';
      const finish = completionFinishReason(choice.finish_reason);
      // Role-only, reasoning-only and tool-call chunks carry nothing a text completion can show.
      if (text === '' && finish === null) continue;
      choices.push({ text, index: choice.index ?? 0, logprobs: null, finish_reason: finish });
    }
    const hasUsage = isObject(chunk.usage);
    if (choices.length === 0 && !hasUsage) return [];
    const out: JsonObject = {
      id: chunk.id,
      object: 'text_completion',
      created: chunk.created,
      model: chunk.model,
    };
    copyPresent(chunk, out, ['system_fingerprint']);
    out.choices = choices;
    if (hasUsage) out.usage = chunk.usage;
    return [jsonEvent(out)];
  }

  end(): SseEvent[] {
    if (this.done) return [];
    this.done = true;
    return [doneEvent()];
  }
}

/** Chat chunks → text-completion chunks (`choices[].text`), the usage chunk kept as `choices: []`, then `[DONE]`. */
export function createChatToCompletionStream(): StreamConverter {
  return new ChatToCompletion();
}
