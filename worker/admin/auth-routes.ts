// Owns /api/auth: status, login and logout for the dashboard.
import { Hono } from 'hono';
import type { AppEnv } from '../app-env';
import { GatewayError } from '../errors';
import {
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
  const authenticated = token ? (await verifyToken(config, token)) !== null : false;
  return c.json({ enabled: true, authenticated, configured: true });
});

authRoutes.post('/login', async (c) => {
  const config = c.get('settings');
  if (!adminCredentials(config)) {
    throw new GatewayError('invalid_request', 'Admin authentication is not enabled; no login is needed');
  }
  const { username, password } = await readBody(c, loginSchema);
  if (!(await verifyLogin(config, username, password))) {
    throw new GatewayError('not_authenticated', 'Invalid username or password');
  }
  const { token, expiresIn } = await issueToken(config);
  return c.json({ access_token: token, token_type: 'bearer', expires_in: expiresIn });
});

authRoutes.post('/logout', (c) => c.json({ ok: true }));
