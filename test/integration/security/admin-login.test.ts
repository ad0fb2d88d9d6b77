// Finding 4 of the security probe: admin login is throttled per client IP and user name; logout revokes.
import { describe, expect, it } from 'vitest';
import { callWith } from '../support/custom-env';
import { unique } from '../support/http';

const AUTH_ON = { ADMIN_PASSWORD: 'correct horse battery', ADMIN_AUTH_DISABLED: 'false' };

let ipCounter = 0;
const freshIp = () => `203.0.113.${(ipCounter++ % 250) + 1}-${unique('ip')}`;

function login(ip: string, username: string, password: string) {
  return callWith(AUTH_ON, 'POST', '/api/auth/login', {
    body: { username, password },
    headers: { 'cf-connecting-ip': ip },
  });
}

describe('finding 4: admin login throttling and logout revocation', () => {
  it('answers 429 with retry-after after 10 failed logins from one IP, even for the right password', async () => {
    const ip = freshIp();
    for (let i = 0; i < 10; i++) expect((await login(ip, 'admin', `wrong-${i}`)).status).toBe(401);
    const blocked = await login(ip, 'admin', AUTH_ON.ADMIN_PASSWORD);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(blocked.json).toMatchObject({ error: { code: 'rate_limit_exceeded' } });
    // Another client is not locked out by this one.
    expect((await login(freshIp(), 'admin', AUTH_ON.ADMIN_PASSWORD)).status).toBe(200);
  });

  it('limits guesses for one user name spread over many IPs (50 per window)', async () => {
    const user = unique('someone');
    for (let i = 0; i < 50; i++) expect((await login(freshIp(), user, 'guess')).status).toBe(401);
    const blocked = await login(freshIp(), user, 'guess');
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get('retry-after')).toMatch(/^\d+$/);
  });

  it('a successful login clears its IP’s failures', async () => {
    const ip = freshIp();
    for (let i = 0; i < 9; i++) await login(ip, 'admin', 'nope');
    expect((await login(ip, 'admin', AUTH_ON.ADMIN_PASSWORD)).status).toBe(200);
    for (let i = 0; i < 9; i++) expect((await login(ip, 'admin', 'nope')).status).toBe(401);
  });

  it('logout revokes the token: it no longer opens the admin API or counts as signed in', async () => {
    const ok = await login(freshIp(), 'admin', AUTH_ON.ADMIN_PASSWORD);
    const token = ok.json.access_token as string;
    const auth = { authorization: `Bearer ${token}` };
    expect((await callWith(AUTH_ON, 'GET', '/api/admin/providers', { headers: auth })).status).toBe(200);
    const out = await callWith(AUTH_ON, 'POST', '/api/auth/logout', { headers: auth });
    expect(out.json).toMatchObject({ ok: true, revoked: true });
    expect((await callWith(AUTH_ON, 'GET', '/api/admin/providers', { headers: auth })).status).toBe(401);
    const status = await callWith(AUTH_ON, 'GET', '/api/auth/status', { headers: auth });
    expect(status.json).toMatchObject({ enabled: true, authenticated: false });
  });
});
