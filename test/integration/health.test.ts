import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /health', () => {
  it('answers healthy with a trace id', async () => {
    const res = await exports.default.fetch('http://gw/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'healthy' });
    expect(res.headers.get('x-gateway-trace-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
