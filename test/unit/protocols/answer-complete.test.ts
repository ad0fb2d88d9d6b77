import { describe, expect, it } from 'vitest';
import { isCompleteAnswer } from '../../../worker/protocols/shared/answer-complete';
import { fixtureText } from './chat-messages/fixtures';

/** The stream without its last `n` events: what a provider that closed early leaves. */
function cut(text: string, n: number): string {
  const events = text.split(/\n\n/).filter((e) => e.trim() !== '');
  return `${events.slice(0, events.length - n).join('\n\n')}\n\n`;
}

describe('whether a successful-looking answer is whole', () => {
  it('takes a Chat stream that reached its finish reason, and nothing cut before it or carrying an error', () => {
    const whole = fixtureText('stream-chat-to-messages/parallel-tools.in.sse');
    expect(isCompleteAnswer('openai', true, whole)).toBe(true);
    expect(isCompleteAnswer('openai', true, cut(whole, 3))).toBe(false);
    expect(
      isCompleteAnswer('openai', true, fixtureText('stream-chat-to-messages/upstream-error.in.sse')),
    ).toBe(false);
    // Python-style JSON spacing still counts as a finish reason.
    expect(
      isCompleteAnswer(
        'openai',
        true,
        'data: {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}\n\n',
      ),
    ).toBe(true);
  });

  it('takes an Anthropic stream only up to message_stop, and never one with an error event', () => {
    const whole = fixtureText('stream-messages-to-chat/text-stop-sequence.in.sse');
    expect(isCompleteAnswer('anthropic', true, whole)).toBe(true);
    expect(isCompleteAnswer('anthropic', true, cut(whole, 1))).toBe(false);
    expect(
      isCompleteAnswer('anthropic', true, fixtureText('stream-messages-to-chat/upstream-error.in.sse')),
    ).toBe(false);
  });

  it('takes a Responses stream that completed (or stopped at its token limit), not a failed one', () => {
    const completed = 'event: response.completed\ndata: {"type":"response.completed","response":{}}\n\n';
    const incomplete = 'event: response.incomplete\ndata: {"type":"response.incomplete","response":{}}\n\n';
    const failed = 'event: response.failed\ndata: {"type":"response.failed","response":{}}\n\n';
    expect(isCompleteAnswer('openai_responses', true, completed)).toBe(true);
    expect(isCompleteAnswer('openai_responses', true, incomplete)).toBe(true);
    expect(isCompleteAnswer('openai_responses', true, failed + completed)).toBe(false);
    expect(isCompleteAnswer('openai_responses', true, 'event: response.created\ndata: {}\n\n')).toBe(false);
  });

  it('takes a JSON body of the expected kind with no error in it', () => {
    expect(isCompleteAnswer('openai', false, '{"choices":[]}')).toBe(true);
    expect(isCompleteAnswer('openai', false, '{"object":"list","data":[]}')).toBe(true);
    expect(isCompleteAnswer('openai', false, '{"error":{"message":"no"}}')).toBe(false);
    expect(isCompleteAnswer('openai', false, '{"choices":[')).toBe(false);
    expect(isCompleteAnswer('anthropic', false, '{"type":"message","content":[]}')).toBe(true);
    expect(isCompleteAnswer('anthropic', false, '{"type":"error","error":{}}')).toBe(false);
    expect(isCompleteAnswer('openai_responses', false, '{"object":"response","status":"failed"}')).toBe(
      false,
    );
  });

  it('takes a Gemini answer that reached a finish reason, not a blocked prompt or an error chunk', () => {
    const last =
      'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"ok"}]},"finishReason":"STOP","index":0}]}\n\n';
    const partial =
      'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hel"}]},"index":0}]}\n\n';
    expect(isCompleteAnswer('gemini', true, partial + last)).toBe(true);
    expect(isCompleteAnswer('gemini', true, partial)).toBe(false);
    expect(
      isCompleteAnswer('gemini', true, `${partial}data: {"error":{"code":503,"status":"UNAVAILABLE"}}\n\n`),
    ).toBe(false);
    expect(isCompleteAnswer('gemini', false, last.slice(6).trim())).toBe(true);
    expect(isCompleteAnswer('gemini', false, '{"promptFeedback":{"blockReason":"SAFETY"}}')).toBe(false);
    expect(isCompleteAnswer('gemini', false, '{"embeddings":[{"values":[0.1]}]}')).toBe(true);
  });

  it('keeps a whole Bedrock Converse body, never its binary event stream', () => {
    const body = '{"output":{"message":{"role":"assistant","content":[]}},"stopReason":"end_turn"}';
    expect(isCompleteAnswer('bedrock_converse', false, body)).toBe(true);
    expect(isCompleteAnswer('bedrock_converse', false, '{"output":{}}')).toBe(false);
    expect(isCompleteAnswer('bedrock_converse', true, 'data: {"stopReason":"end_turn"}\n\n')).toBe(false);
  });
});
