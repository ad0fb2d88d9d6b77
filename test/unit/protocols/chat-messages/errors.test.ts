// Tests translating any upstream error body into the OpenAI and Anthropic envelopes.
import { describe, expect, it } from 'vitest';
import { errorToMessages } from '../../../../worker/protocols/anthropic/upstream-to-messages-error';
import { errorToChat } from '../../../../worker/protocols/shared/upstream-to-chat-error';

const openaiBody = JSON.stringify({
  error: {
    message: 'Rate limit reached for gpt-4.1',
    type: 'rate_limit_error',
    param: null,
    code: 'rate_limit_exceeded',
  },
});
const anthropicBody = JSON.stringify({
  type: 'error',
  error: { type: 'overloaded_error', message: 'Overloaded' },
  request_id: 'req_011CSHoEeqs5C35K2UUqR7Fy',
});
const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>';

describe('upstream errors in the client’s envelope', () => {
  it('keeps an OpenAI error as it is for an OpenAI client', () => {
    expect(errorToChat(429, openaiBody)).toEqual({
      error: {
        message: 'Rate limit reached for gpt-4.1',
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        param: null,
      },
    });
  });

  it('gives an Anthropic client Anthropic’s type for the status of an OpenAI error', () => {
    expect(errorToMessages(429, openaiBody)).toEqual({
      type: 'error',
      error: { type: 'rate_limit_error', message: 'Rate limit reached for gpt-4.1' },
    });
  });

  it('maps an Anthropic error for an OpenAI client and keeps the Anthropic type as code', () => {
    expect(errorToChat(529, anthropicBody)).toEqual({
      error: { message: 'Overloaded', type: 'server_error', code: 'overloaded_error', param: null },
    });
    expect(errorToMessages(529, anthropicBody)).toEqual({
      type: 'error',
      error: { type: 'overloaded_error', message: 'Overloaded' },
    });
  });

  it.each([
    [400, 'invalid_request_error', 'invalid_request_error'],
    [401, 'authentication_error', 'authentication_error'],
    [403, 'permission_error', 'permission_error'],
    [404, 'not_found_error', 'not_found_error'],
    [413, 'invalid_request_error', 'request_too_large'],
    [429, 'rate_limit_error', 'rate_limit_error'],
    [500, 'server_error', 'api_error'],
    [503, 'server_error', 'overloaded_error'],
  ])('chooses the types from status %i when the body is HTML', (status, openaiType, anthropicType) => {
    expect(errorToChat(status, html)).toEqual({
      error: {
        message: `Upstream returned HTTP ${status}: 502 Bad Gateway`,
        type: openaiType,
        code: null,
        param: null,
      },
    });
    expect(errorToMessages(status, html)).toMatchObject({ error: { type: anthropicType } });
  });

  it.each([
    ['an empty body', '', 'Upstream returned HTTP 500 with an empty body'],
    ['plain text', 'upstream connect error', 'upstream connect error'],
    ['{"error":"string"}', '{"error":"model is overloaded"}', 'model is overloaded'],
    ['{"message"}', '{"message":"Invalid key","code":401}', 'Invalid key'],
    [
      'FastAPI detail',
      '{"detail":[{"loc":["body"],"msg":"field required"}]}',
      '[{"loc":["body"],"msg":"field required"}]',
    ],
    ['a JSON array', '[1,2]', '[1,2]'],
    ['null', 'null', 'null'],
    ['Gemini-style', '{"error":{"code":500,"message":"Internal","status":"INTERNAL"}}', 'Internal'],
  ])('never throws on %s and always gives a message', (_label, body, message) => {
    expect(errorToChat(500, body)).toMatchObject({ error: { message, type: 'server_error' } });
    expect(errorToMessages(500, body)).toMatchObject({
      type: 'error',
      error: { message, type: 'api_error' },
    });
  });

  it('shortens a huge plain-text body', () => {
    const message = (errorToChat(502, 'x'.repeat(5000)).error as { message: string }).message;
    expect(message.length).toBeLessThanOrEqual(501);
  });
});
