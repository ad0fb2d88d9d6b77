import { describe, expect, it } from 'vitest';
import { decodeDetail, encodeDetail } from '../../../worker/logging/detail-codec';
import type { LogDetail } from '../../../worker/logging/record';

const detail: LogDetail = {
  request_url: 'http://gw/v1/chat/completions',
  request_headers: { 'content-type': 'application/json' },
  request_body: '{"messages":[{"role":"user","content":"quotes \\" and\\nnewlines, emoji 😀"}]}',
  converted_request: null,
  upstream_url: 'http://up/v1/chat/completions',
  response_headers: null,
  upstream_response: 'data: {"a":1}\n\ndata: [DONE]\n\n',
  client_response: '',
  error_info: null,
  truncated: true,
  usage_details: { inputTokens: 3 },
};

describe('stored log details', () => {
  it('round-trip every field, bodies byte for byte, empty and null kept apart', () => {
    const text = encodeDetail(detail);
    expect(text.startsWith('#detail/v1 {')).toBe(true);
    expect(text).toContain(detail.request_body as string);
    expect(decodeDetail(text)).toEqual(detail);
  });

  it('still read the plain JSON of older objects', () => {
    expect(decodeDetail(JSON.stringify(detail))).toEqual(detail);
  });
});
