import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { responsesErrorBody, responsesErrorEvents } from '../../../../worker/protocols/responses';
import { clientAnswering, payloads, toSseText } from './helpers';

const started = {
  id: 'resp_1',
  object: 'response',
  created_at: 1,
  model: 'm',
  status: 'in_progress',
  output: [],
};
const createdEvent = `event: response.created\ndata: ${JSON.stringify({ type: 'response.created', sequence_number: 0, response: started })}\n\n`;

describe('mid-stream failure events for a Responses client', () => {
  it('sends only an error event when the response being ended is unknown', () => {
    expect(payloads(responsesErrorEvents('upstream timed out', 'timeout'))).toEqual([
      { type: 'error', sequence_number: 0, code: 'timeout', message: 'upstream timed out', param: null },
    ]);
  });

  it('sends response.failed for the started response, then error, continuing the sequence', () => {
    const events = responsesErrorEvents('connection reset', undefined, {
      response: started,
      nextSequenceNumber: 5,
    });
    expect(events.map((e) => e.event)).toEqual(['response.failed', 'error']);
    expect(payloads(events)).toEqual([
      {
        type: 'response.failed',
        sequence_number: 5,
        response: {
          ...started,
          status: 'failed',
          error: { code: 'server_error', message: 'connection reset' },
        },
      },
      { type: 'error', sequence_number: 6, code: 'server_error', message: 'connection reset', param: null },
    ]);
  });

  it('makes the official SDK throw an APIError carrying the message', async () => {
    const text =
      createdEvent +
      toSseText(responsesErrorEvents('boom', 'server_error', { response: started, nextSequenceNumber: 1 }));
    const stream = clientAnswering(text, 'text/event-stream').responses.stream({ model: 'm', input: 'x' });
    const error = await stream.finalResponse().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).message).toMatch(/boom/);
  });
});

describe('upstream error bodies for a Responses client', () => {
  it('keeps an OpenAI error as is: Responses shares the Chat envelope', () => {
    const body = JSON.stringify({
      error: {
        message: 'Invalid value',
        type: 'invalid_request_error',
        param: 'input',
        code: 'invalid_value',
      },
    });
    expect(responsesErrorBody(400, body)).toEqual({
      error: {
        message: 'Invalid value',
        type: 'invalid_request_error',
        param: 'input',
        code: 'invalid_value',
      },
    });
  });

  it('renames an Anthropic error into the OpenAI envelope', () => {
    const body = JSON.stringify({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
    expect(responsesErrorBody(529, body)).toEqual({
      error: { message: 'Overloaded', type: 'server_error', param: null, code: 'overloaded_error' },
    });
  });

  it('never returns an empty message, even for an HTML or empty body', () => {
    const html = responsesErrorBody(502, '<html><head><title>Bad Gateway</title></head></html>');
    expect((html.error as { message: string }).message).toMatch(/Bad Gateway/);
    expect((responsesErrorBody(500, '').error as { message: string }).message).not.toBe('');
  });

  it('is what the official SDK reads on responses.create', async () => {
    const body = JSON.stringify(
      responsesErrorBody(429, JSON.stringify({ error: { message: 'Slow down', type: 'rate_limit_error' } })),
    );
    const client = new OpenAI({
      apiKey: 'sk-test',
      baseURL: 'http://gateway.test/v1',
      maxRetries: 0,
      fetch: async () => new Response(body, { status: 429, headers: { 'content-type': 'application/json' } }),
    });
    const error = await client.responses.create({ model: 'm', input: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect((error as InstanceType<typeof OpenAI.APIError>).type).toBe('rate_limit_error');
  });
});
