// Owns /api/auth: status, login (throttled per client IP and user name) and logout (revokes the token).
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import { clientIp, loginOutcome, loginWait, revokeToken } from '../guard/client';
import {
  activeToken,
  adminCredentials,
  issueToken,
  presentedToken,
  verifyLogin,
  verifyToken,
} from '../middleware/admin-auth';
import { readBody } from './http';
import { loginSchema } from './schemas';

export const authRoutes = new Hono<AppEnv>();

authRoutes.get('/status', async (c) => {
  const config = c.get('settings');
  const enabled = adminCredentials(config) !== null;
  if (!enabled)
    return c.json({
      enabled: false,
      authenticated: config.ADMIN_AUTH_DISABLED,
      configured: config.ADMIN_AUTH_DISABLED,
    });
  const token = presentedToken((n) => c.req.header(n));
  const authenticated = (await activeToken(config, c.env, token)) !== null;
  return c.json({ enabled: true, authenticated, configured: true });
});

function tooManyAttempts(waitMs: number): GatewayError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new GatewayError('rate_limit_exceeded', `Too many failed logins; try again in ${seconds} s`, {
    headers: { 'retry-after': String(seconds) },
  });
}

authRoutes.post('/login', async (c) => {
  const config = c.get('settings');
  if (!adminCredentials(config)) {
    throw new GatewayError('invalid_request', 'Admin authentication is not enabled; no login is needed');
  }
  const { username, password } = await readBody(c, loginSchema);
  // Checked before the password: a throttled attempt costs no PBKDF2 work.
  const attempt = { ip: clientIp(c.req.raw.headers), user: username.slice(0, 200) };
  const wait = await loginWait(c.env, attempt);
  if (wait > 0) throw tooManyAttempts(wait);
  const ok = await verifyLogin(config, username, password);
  await loginOutcome(c.env, attempt, ok);
  if (!ok) throw new GatewayError('not_authenticated', 'Invalid username or password');
  const { token, expiresIn } = await issueToken(config);
  return c.json({ access_token: token, token_type: 'bearer', expires_in: expiresIn });
});

authRoutes.post('/logout', async (c) => {
  const config = c.get('settings');
  const token = presentedToken((n) => c.req.header(n));
  const claims = token && adminCredentials(config) ? await verifyToken(config, token) : null;
  if (claims) {
    try {
      await revokeToken(c.env, claims.id, claims.expiresAt);
    } catch (err) {
      throw new GatewayError('service_unavailable', 'The token could not be revoked; try again', {
        cause: err,
      });
    }
  }
  return c.json({ ok: true, revoked: claims !== null });
});
