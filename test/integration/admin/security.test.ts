import { describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS } from '../../../worker/lib/crypto';
import { callWith } from '../support/custom-env';
import { unique } from '../support/http';

const AUTH = {
  ADMIN_AUTH_DISABLED: 'false',
  ADMIN_USERNAME: 'root',
  ADMIN_PASSWORD: 'correct horse battery',
};
const LOCKED = { ADMIN_AUTH_DISABLED: 'false', ADMIN_USERNAME: undefined, ADMIN_PASSWORD: undefined };

async function login(password = AUTH.ADMIN_PASSWORD, username = 'root') {
  return callWith(AUTH, 'POST', '/api/auth/login', { body: { username, password } });
}

describe('admin auth', () => {
  it('refuses admin calls with a how-to message when no credentials are configured', async () => {
    const res = await callWith(LOCKED, 'GET', '/api/admin/providers');
    expect(res.status).toBe(401);
    expect(res.json).toMatchObject({ error: { code: 'admin_auth_not_configured' } });
    expect(String((res.json.error as { message: string }).message)).toContain('ADMIN_PASSWORD');
  });

  it('requires a token when credentials are set', async () => {
    const res = await callWith(AUTH, 'GET', '/api/admin/providers');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    const status = await callWith(AUTH, 'GET', '/api/auth/status');
    expect(status.json).toMatchObject({ enabled: true, authenticated: false });
  });

  it('logs in, uses the bearer token, and reports authenticated', async () => {
    const res = await login();
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ token_type: 'bearer', expires_in: 86400 });
    const token = res.json.access_token as string;
    const list = await callWith(AUTH, 'GET', '/api/admin/providers', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(list.status).toBe(200);
    const status = await callWith(AUTH, 'GET', '/api/auth/status', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(status.json).toMatchObject({ enabled: true, authenticated: true });
  });

  it('rejects a wrong password or username with 401', async () => {
    expect((await login('wrong')).status).toBe(401);
    expect((await login(AUTH.ADMIN_PASSWORD, 'admin')).status).toBe(401);
  });

  it('rejects tampered tokens and tokens signed for another password', async () => {
    const token = (await login()).json.access_token as string;
    const [body, sig] = token.split('.');
    const tampered = `${body}x.${sig}`;
    const res = await callWith(AUTH, 'GET', '/api/admin/providers', {
      headers: { authorization: `Bearer ${tampered}` },
    });
    expect(res.status).toBe(401);
    const rotated = { ...AUTH, ADMIN_PASSWORD: 'a new password' };
    const after = await callWith(rotated, 'GET', '/api/admin/providers', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
  });

  it('rejects an expired token', async () => {
    const shortLived = { ...AUTH, ADMIN_TOKEN_TTL_SECONDS: '60' };
    const res = await callWith(shortLived, 'POST', '/api/auth/login', {
      body: { username: 'root', password: AUTH.ADMIN_PASSWORD },
    });
    const token = res.json.access_token as string;
    const realNow = Date.now;
    Date.now = () => realNow() + 61_000;
    try {
      const later = await callWith(shortLived, 'GET', '/api/admin/providers', {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(later.status).toBe(401);
    } finally {
      Date.now = realNow;
    }
  });

  it('pins PBKDF2 at the Workers production cap of 100,000 iterations', () => {
    expect(PBKDF2_ITERATIONS).toBe(100_000);
  });
});

describe('provider base_url SSRF guard', () => {
  const strict = { ALLOW_PRIVATE_IP_PROVIDER: 'false' };
  for (const url of [
    'http://127.0.0.1:8080/v1',
    'http://localhost/v1',
    'http://10.1.2.3/v1',
    'http://[::1]/v1',
    'http://169.254.169.254/latest',
    'http://2130706433/',
    'file:///etc/passwd',
  ]) {
    it(`rejects ${url} on create`, async () => {
      const res = await callWith(strict, 'POST', '/api/admin/providers', {
        body: { name: unique('ssrf'), base_url: url, protocol: 'openai' },
      });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: { code: 'validation_error' } });
    });
  }

  it('rejects a private base_url on update too', async () => {
    const created = await callWith(strict, 'POST', '/api/admin/providers', {
      body: { name: unique('ssrf'), base_url: 'https://api.openai.com/v1', protocol: 'openai' },
    });
    expect(created.status).toBe(201);
    const res = await callWith(strict, 'PUT', `/api/admin/providers/${created.json.id}`, {
      body: { base_url: 'http://192.168.0.10/v1' },
    });
    expect(res.status).toBe(400);
  });
});

describe('CORS for a separately hosted dashboard', () => {
  const vars = { ALLOWED_ORIGINS: 'https://dash.example.com' };

  it('answers a preflight from an allowed origin', async () => {
    const res = await callWith(vars, 'OPTIONS', '/api/admin/providers', {
      headers: { origin: 'https://dash.example.com', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('https://dash.example.com');
  });

  it('sends no CORS headers to other origins', async () => {
    const res = await callWith(vars, 'GET', '/api/auth/status', {
      headers: { origin: 'https://evil.example.com' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
