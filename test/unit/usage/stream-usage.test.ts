import { describe, expect, it } from 'vitest';
import { parseSse } from '../../../worker/lib/sse';
import { isUsageOnlyChunk, StreamUsageAccumulator } from '../../../worker/usage/stream-usage';

function feed(acc: StreamUsageAccumulator, sse: string): StreamUsageAccumulator {
  for (const ev of parseSse(sse)) acc.push(ev);
  return acc;
}

const OPENAI_STREAM = [
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"role":"assistant","content":""}}],"usage":null}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"reasoning_content":"Think."}}],"usage":null}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Hello"}}],"usage":null}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}}],"usage":null}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}}],"usage":null}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]}}],"usage":null}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}],"usage":null}',
  'data: {"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":80,"completion_tokens":25,"total_tokens":105,"prompt_tokens_details":{"cached_tokens":64},"completion_tokens_details":{"reasoning_tokens":9}}}',
  'data: [DONE]',
  '',
].join('\n\n');

describe('StreamUsageAccumulator — OpenAI chat', () => {
  it('takes usage from the final usage-only chunk', () => {
    const acc = feed(new StreamUsageAccumulator('openai'), OPENAI_STREAM);
    expect(acc.usage()).toMatchObject({
      inputTokens: 80,
      outputTokens: 25,
      cacheReadTokens: 64,
      reasoningTokens: 9,
      totalTokens: 105,
    });
  });

  it('collects content, reasoning and tool-call fragments as generated text', () => {
    const acc = feed(new StreamUsageAccumulator('openai'), OPENAI_STREAM);
    expect(acc.text()).toBe('Think.Helloget_weather{"city":"Paris"}');
  });

  it('reports no usage when the upstream sent none', () => {
    const sse = 'data: {"choices":[{"index":0,"delta":{"content":"Hi"}}]}\n\ndata: [DONE]\n\n';
    const acc = feed(new StreamUsageAccumulator('openai'), sse);
    expect(acc.usage()).toBeNull();
    expect(acc.text()).toBe('Hi');
  });

  it('lets a later cumulative usage win over an earlier one', () => {
    const sse = [
      'data: {"choices":[{"delta":{"content":"a"}}],"usage":{"prompt_tokens":10,"completion_tokens":1}}',
      'data: {"choices":[{"delta":{"content":"b"}}],"usage":{"prompt_tokens":10,"completion_tokens":2}}',
      '',
    ].join('\n\n');
    expect(feed(new StreamUsageAccumulator('openai'), sse).usage()).toMatchObject({
      inputTokens: 10,
      outputTokens: 2,
    });
  });

  it('collects legacy completions text', () => {
    const sse = 'data: {"object":"text_completion","choices":[{"text":"Once upon","index":0}]}\n\n';
    expect(feed(new StreamUsageAccumulator('openai'), sse).text()).toBe('Once upon');
  });

  it('ignores malformed events instead of throwing', () => {
    const acc = feed(new StreamUsageAccumulator('openai'), 'data: {not json\n\ndata: 42\n\n');
    expect(acc.usage()).toBeNull();
    expect(acc.text()).toBe('');
  });

  it('uses an already-parsed event when the caller passes one', () => {
    const acc = new StreamUsageAccumulator('openai');
    acc.push({ data: 'ignored' }, { choices: [], usage: { prompt_tokens: 3, completion_tokens: 4 } });
    expect(acc.usage()?.totalTokens).toBe(7);
  });

  it('keeps text up to the cap and counts the rest', () => {
    const acc = new StreamUsageAccumulator('openai', 5);
    acc.push({ data: '{"choices":[{"delta":{"content":"abcdefgh"}}]}' });
    acc.push({ data: '{"choices":[{"delta":{"content":"ij"}}]}' });
    expect(acc.text()).toBe('abcde');
    expect(acc.droppedChars()).toBe(5);
  });
});

const ANTHROPIC_STREAM = `event: message_start
data: {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],"model":"claude","usage":{"input_tokens":25,"cache_creation_input_tokens":100,"cache_read_input_tokens":2000,"output_tokens":1}}}

event: content_block_start
data: {"type":"content_block_start","index":0,"content_block":{"type":"thinking","thinking":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"thinking_delta","thinking":"Let me see."}}

event: content_block_delta
data: {"type":"content_block_delta","index":0,"delta":{"type":"signature_delta","signature":"EqQBCgIYAhIM"}}

event: content_block_start
data: {"type":"content_block_start","index":1,"content_block":{"type":"text","text":""}}

event: content_block_delta
data: {"type":"content_block_delta","index":1,"delta":{"type":"text_delta","text":"Hi there"}}

event: content_block_start
data: {"type":"content_block_start","index":2,"content_block":{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}}

event: content_block_delta
data: {"type":"content_block_delta","index":2,"delta":{"type":"input_json_delta","partial_json":"{\\"q\\":1}"}}

event: message_delta
data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":42}}

event: message_stop
data: {"type":"message_stop"}

`;

describe('StreamUsageAccumulator — Anthropic', () => {
  it('merges message_start input/cache usage with message_delta output tokens', () => {
    const acc = feed(new StreamUsageAccumulator('anthropic'), ANTHROPIC_STREAM);
    expect(acc.usage()).toMatchObject({
      inputTokens: 2125,
      outputTokens: 42,
      cacheReadTokens: 2000,
      cacheWriteTokens: 100,
      totalTokens: 2167,
    });
  });

  it('collects thinking, text and tool input, not signatures', () => {
    const acc = feed(new StreamUsageAccumulator('anthropic'), ANTHROPIC_STREAM);
    expect(acc.text()).toBe('Let me see.Hi therelookup{"q":1}');
  });

  it('lets later message_delta values (cumulative input with server tools) win', () => {
    const sse = [
      'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1}}}',
      'event: message_delta\ndata: {"type":"message_delta","usage":{"input_tokens":15,"output_tokens":8}}',
      '',
    ].join('\n\n');
    expect(feed(new StreamUsageAccumulator('anthropic'), sse).usage()).toMatchObject({
      inputTokens: 15,
      outputTokens: 8,
    });
  });

  it('does not trust the placeholder output count of message_start when the stream is cut', () => {
    const sse =
      'event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":10,"output_tokens":1}}}\n\n';
    expect(feed(new StreamUsageAccumulator('anthropic'), sse).usage()).toMatchObject({
      inputTokens: 10,
      outputTokens: 0,
    });
  });
});

const RESPONSES_STREAM = `event: response.created
data: {"type":"response.created","response":{"id":"resp_1","status":"in_progress","usage":null}}

event: response.output_item.added
data: {"type":"response.output_item.added","output_index":0,"item":{"type":"reasoning","id":"rs_1","summary":[]}}

event: response.reasoning_summary_text.delta
data: {"type":"response.reasoning_summary_text.delta","item_id":"rs_1","output_index":0,"summary_index":0,"delta":"Plan."}

event: response.output_text.delta
data: {"type":"response.output_text.delta","item_id":"msg_1","output_index":1,"content_index":0,"delta":"Hello"}

event: response.output_item.added
data: {"type":"response.output_item.added","output_index":2,"item":{"type":"function_call","id":"fc_1","call_id":"call_1","name":"search","arguments":""}}

event: response.function_call_arguments.delta
data: {"type":"response.function_call_arguments.delta","item_id":"fc_1","output_index":2,"delta":"{\\"q\\":\\"x\\"}"}

event: response.completed
data: {"type":"response.completed","response":{"id":"resp_1","status":"completed","usage":{"input_tokens":300,"input_tokens_details":{"cached_tokens":256},"output_tokens":120,"output_tokens_details":{"reasoning_tokens":64},"total_tokens":420}}}

`;

describe('StreamUsageAccumulator — OpenAI Responses', () => {
  it('takes usage from response.completed', () => {
    const acc = feed(new StreamUsageAccumulator('openai_responses'), RESPONSES_STREAM);
    expect(acc.usage()).toMatchObject({
      inputTokens: 300,
      outputTokens: 120,
      cacheReadTokens: 256,
      reasoningTokens: 64,
      totalTokens: 420,
    });
  });

  it('collects reasoning summary, output text and function-call arguments', () => {
    const acc = feed(new StreamUsageAccumulator('openai_responses'), RESPONSES_STREAM);
    expect(acc.text()).toBe('Plan.Hellosearch{"q":"x"}');
  });

  it('reads usage from response.incomplete too', () => {
    const sse =
      'event: response.incomplete\ndata: {"type":"response.incomplete","response":{"usage":{"input_tokens":5,"output_tokens":16}}}\n\n';
    expect(feed(new StreamUsageAccumulator('openai_responses'), sse).usage()?.outputTokens).toBe(16);
  });
});

describe('isUsageOnlyChunk', () => {
  it('recognizes the include_usage chunk', () => {
    expect(
      isUsageOnlyChunk(
        '{"id":"c1","object":"chat.completion.chunk","choices":[],"usage":{"prompt_tokens":1,"completion_tokens":2}}',
      ),
    ).toBe(true);
    expect(isUsageOnlyChunk('{"choices": [ ], "usage": {"prompt_tokens": 1}}')).toBe(true);
  });

  it('recognizes a usage chunk without a choices key', () => {
    expect(isUsageOnlyChunk('{"id":"c1","usage":{"prompt_tokens":1,"completion_tokens":2}}')).toBe(true);
  });

  it('rejects content chunks, including those carrying "usage": null', () => {
    expect(isUsageOnlyChunk('{"choices":[{"index":0,"delta":{"content":"hi"}}],"usage":null}')).toBe(false);
    expect(
      isUsageOnlyChunk('{"choices":[{"index":0,"delta":{"content":"x"}}],"usage":{"prompt_tokens":1}}'),
    ).toBe(false);
    expect(isUsageOnlyChunk('{"choices":[{"index":0,"delta":{"content":"the \\"usage\\" is"}}]}')).toBe(
      false,
    );
  });

  it('rejects an empty-choices chunk whose usage is null, [DONE] and junk', () => {
    expect(isUsageOnlyChunk('{"choices":[],"usage":null}')).toBe(false);
    expect(isUsageOnlyChunk('[DONE]')).toBe(false);
    expect(isUsageOnlyChunk('{"choices":[],"usage":')).toBe(false);
  });
});
